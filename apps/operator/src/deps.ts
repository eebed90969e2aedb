import type { Cache, RateLimiter } from '@hatago/cache';
import type { Database } from '@hatago/db';
import type { TemplateRegistry } from '@hatago/mail';
import type { Logger } from '@hatago/platform/logging';

export interface OperatorAppDeps {
  database: Database;
  logger: Logger;
  signingSecret: string;
  /** Cancellations publish through it, so cached hotel pages show the rooms given back. */
  cache: Cache;
  /** Counts sign-in attempts across every instance. */
  rateLimiter: RateLimiter;
  /** The platform's mail templates: they mark the bodies staff may not read (password reset links). */
  mailTemplates: TemplateRegistry;
}
