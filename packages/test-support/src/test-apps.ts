import { randomBytes } from 'node:crypto';
import type { Database } from '@hatago/db';
import { createLogger } from '@hatago/platform/logging';

/** What every app factory takes, wired for a test: quiet logs, a throw-away secret. */
export function testAppDeps(database: Database) {
  return {
    database,
    logger: createLogger('test', process.env.TEST_LOG_LEVEL ?? 'silent'),
    signingSecret: randomBytes(32).toString('hex'),
  };
}

/** Reads the session cookie a login response set, for the next injected request. */
export function cookieFrom(setCookie: string | string[] | undefined): string {
  const first = Array.isArray(setCookie) ? setCookie[0] : setCookie;
  if (!first) throw new Error('the response set no cookie');
  return first.split(';')[0]!;
}
