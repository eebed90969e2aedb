import type { Executor } from '@hatago/db';
import type { PaymentProvider } from '@hatago/payments';

/**
 * One restaurant changed and the change is committed: what was derived from it is stale.
 * `booking`: its free seats (a booking, cancellation or decision on a request);
 * `restaurant`: what its staff manage (seatings, capacity, closed dates, courses).
 */
export interface DiningChange {
  restaurantId: number;
  kind: 'booking' | 'restaurant';
}

export interface DiningChangePublisher {
  publish(change: DiningChange): Promise<void>;
}

/**
 * What a table booking or cancellation needs besides its input, as `BookingContext` for
 * stays: the database, and the publisher told once the transaction committed, so no
 * caller can forget the news or announce a change that was rolled back.
 */
export interface DiningContext {
  db: Executor;
  changes: DiningChangePublisher;
  /** Holds and settles card guarantees; without it, a booking that brings a card token is refused. */
  payments?: PaymentProvider;
}

/** Called after the commit, never inside. */
export const publishSeatsChanged = (context: DiningContext, restaurantId: number): Promise<void> =>
  context.changes.publish({ restaurantId, kind: 'booking' });
