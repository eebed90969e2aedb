import type { PaymentProvider } from '@hatago/payments';
import type { EdgePurger } from '@hatago/platform/edge';
import type { AppDeps } from '@hatago/runtime';
import type { ObjectStorage } from '@hatago/storage';

/** The cache is shared with the guest app: committed changes invalidate what it cached (see CatalogChanges). */
export interface FacilityAppDeps extends AppDeps {
  /** Where exports and hotel photos are written; downloads go through its signed links. */
  storage: ObjectStorage;
  /** Purges the edge's copies of what a catalogue change makes stale (absent: no edge to tell). */
  edgePurger?: EdgePurger;
  /** Settles the card guarantee of a request the restaurant declines (default: the sandbox, as the guest app's). */
  payments?: PaymentProvider;
  /** The Tokyo date the hotel dashboard shows (default: today); tests fix it. */
  today?: () => string;
}
