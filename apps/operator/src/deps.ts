import type { Cache, RateLimiter } from '@hatago/cache';
import type { Database } from '@hatago/db';
import type { Logger } from '@hatago/platform/logging';

export interface OperatorAppDeps {
  database: Database;
  logger: Logger;
  signingSecret: string;
  /** Cancellations publish through it, so cached hotel pages show the rooms given back. */
  cache: Cache;
  /** Counts sign-in attempts across every instance. */
  rateLimiter: RateLimiter;
}
