import type { CatalogChange, CatalogChangePublisher } from '@hatago/catalog';
import type { Executor } from '@hatago/db';
import { SandboxPaymentProvider } from '@hatago/payments';

/** A publisher that keeps what it was told, so a test can see which changes went out. */
export class RecordingChanges implements CatalogChangePublisher {
  readonly published: CatalogChange[] = [];
  async publish(change: CatalogChange): Promise<void> {
    this.published.push(change);
  }
}

/** A booking context on a test database whose published changes the test may read; card guarantees go to the sandbox. */
export const testBookingContext = (db: Executor, changes = new RecordingChanges()) => ({ db, changes, payments: new SandboxPaymentProvider() });
