import type { Cache, RateLimiter } from '@hatago/cache';
import type { Database } from '@hatago/db';
import type { EdgePurger } from '@hatago/platform/edge';
import type { Logger } from '@hatago/platform/logging';
import type { ObjectStorage } from '@hatago/storage';

export interface FacilityAppDeps {
  database: Database;
  logger: Logger;
  signingSecret: string;
  /** Where exports are written; downloads go through its signed links. */
  storage: ObjectStorage;
  /** Shared with the guest app: committed changes invalidate what it cached (see CatalogChanges). */
  cache: Cache;
  /** Counts sign-in attempts across every instance. */
  rateLimiter: RateLimiter;
  /** Purges the edge's copies of what a catalogue change makes stale (absent: no edge to tell). */
  edgePurger?: EdgePurger;
}
