import type { CatalogChangePublisher } from '@hatago/catalog';
import type { Executor } from '@hatago/db';
import type { PaymentProvider } from '@hatago/payments';

/**
 * What a booking operation needs besides its input: the database it writes in, and the
 * publisher it tells once its transaction committed. A booking or cancellation changes a
 * hotel's free rooms, so it publishes that change itself, as catalogue management does
 * through `commitChange`; no caller can forget it or publish a change that never happened.
 */
export interface BookingContext {
  db: Executor;
  changes: CatalogChangePublisher;
  /** Holds card guarantees for plans that require one; without it, such plans cannot be booked. */
  payments?: PaymentProvider;
}

/** Tells the catalogue that a hotel's free rooms changed; called after the commit, never inside. */
export const publishRoomsChanged = (context: BookingContext, hotelId: number): Promise<void> =>
  context.changes.publish({ hotelId, kind: 'booking' });
