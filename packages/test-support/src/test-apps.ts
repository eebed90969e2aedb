import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { MemoryCache } from '@hatago/cache';
import type { Database } from '@hatago/db';
import { DEMO_PASSWORD } from '@hatago/demo-data';
import { DatabaseRateLimiter } from '@hatago/identity';
import type { HttpApp } from '@hatago/platform/http';
import { createLogger } from '@hatago/platform/logging';
import { LocalStorage, UrlSignature } from '@hatago/storage';

/** The bearer token test apps ask for on /metrics, and the header that carries it. */
export const TEST_METRICS_TOKEN = 'metrics-token-for-tests';
export const METRICS_AUTH = { authorization: `Bearer ${TEST_METRICS_TOKEN}` };

/**
 * What every app factory takes, wired for a test: quiet logs, a throw-away secret, and
 * the embedded defaults (a cache of its own in memory, attempts counted in the database,
 * objects in a directory of its own under the system's temporary directory, made on the
 * first write: `storageRoot`, for the caller to remove).
 */
export function testAppDeps(database: Database) {
  const signingSecret = randomBytes(32).toString('hex');
  const storageRoot = path.join(tmpdir(), `hatago-test-objects-${randomBytes(8).toString('hex')}`);
  return {
    database,
    logger: createLogger('test', process.env.TEST_LOG_LEVEL ?? 'silent'),
    signingSecret,
    storage: new LocalStorage({ root: storageRoot, signature: new UrlSignature(signingSecret), urlPrefix: '/facility/files/' }),
    storageRoot,
    cache: new MemoryCache(),
    rateLimiter: new DatabaseRateLimiter(database.db),
    metricsToken: TEST_METRICS_TOKEN,
  };
}

/** Reads the session cookie a login response set, for the next injected request. */
export function cookieFrom(setCookie: string | string[] | undefined): string {
  const first = Array.isArray(setCookie) ? setCookie[0] : setCookie;
  if (!first) throw new Error('the response set no cookie');
  return first.split(';')[0]!;
}

/** Signs a demo staff account in to the console at `basePath` and returns its session cookie. */
export async function staffSessionCookie(app: HttpApp, basePath: '/operator' | '/facility', login: string): Promise<string> {
  const response = await app.inject({
    method: 'POST',
    url: `${basePath}/login`,
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    payload: new URLSearchParams({ login, password: DEMO_PASSWORD, next: `${basePath}/` }).toString(),
  });
  assert.equal(response.statusCode, 303);
  return cookieFrom(response.headers['set-cookie']);
}
