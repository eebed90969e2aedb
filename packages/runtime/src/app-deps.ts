import type { Cache, RateLimiter } from '@hatago/cache';
import type { Database } from '@hatago/db';
import type { Logger } from '@hatago/platform/logging';

/**
 * What every web app takes from whatever runs it: a standalone process, the embedded
 * platform or a test. Each app's deps add what only it needs.
 */
export interface AppDeps {
  database: Database;
  logger: Logger;
  /** Signs cookies and links that must not be forged. */
  signingSecret: string;
  /** Shared by every instance in production, so what one instance changes the others stop serving. */
  cache: Cache;
  /** Counts sign-in (and on the guest site sign-up and booking) attempts across every instance. */
  rateLimiter: RateLimiter;
  /** The bearer token /metrics asks for; without one the app serves no metrics. */
  metricsToken?: string;
  /** The deployment environment feature flags are evaluated for (HATAGO_ENVIRONMENT); `development` when absent. */
  environment?: string;
}
