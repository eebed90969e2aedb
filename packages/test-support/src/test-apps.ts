import { randomBytes } from 'node:crypto';
import { MemoryCache } from '@hatago/cache';
import type { Database } from '@hatago/db';
import { DatabaseRateLimiter } from '@hatago/identity';
import { createLogger } from '@hatago/platform/logging';

/**
 * What every app factory takes, wired for a test: quiet logs, a throw-away secret, and
 * the embedded defaults (a cache of its own in memory, attempts counted in the database).
 */
export function testAppDeps(database: Database) {
  return {
    database,
    logger: createLogger('test', process.env.TEST_LOG_LEVEL ?? 'silent'),
    signingSecret: randomBytes(32).toString('hex'),
    cache: new MemoryCache(),
    rateLimiter: new DatabaseRateLimiter(database.db),
  };
}

/** Reads the session cookie a login response set, for the next injected request. */
export function cookieFrom(setCookie: string | string[] | undefined): string {
  const first = Array.isArray(setCookie) ? setCookie[0] : setCookie;
  if (!first) throw new Error('the response set no cookie');
  return first.split(';')[0]!;
}
