import assert from 'node:assert/strict';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { after, before } from 'node:test';
import type { CachePolicyRule } from '@hatago/edge-rules';
import { EdgeCache, type EdgeCacheOptions } from '../src/edge-cache.ts';
import { type CachedFront, fetchFrom, manualClock, startFront, startOrigin, type TestOrigin } from './cache-harness.ts';
import { request } from './http-client.ts';

/** The cases' cache policy: the origin's freshness, no grace, a key without query, locale or device. */
export const rule = (over: Partial<CachePolicyRule> = {}): CachePolicyRule => ({
  ttl: 'origin',
  graceSeconds: 0,
  key: { query: [], locale: false, device: false },
  ...over,
});

export const PAGE = `<!doctype html><title>Hotel</title>${'<p>A quiet ryokan by the river, with an onsen and seasonal kaiseki.</p>'.repeat(120)}`;

/** An origin route answering with fixed headers and a body (the count of requests so far, unless given). */
export const answer =
  (headers: Record<string, string | string[]>, body?: string, status = 200) =>
  (_req: IncomingMessage, res: ServerResponse, count: number) => {
    res.writeHead(status, { 'content-type': 'text/plain', ...headers });
    res.end(body ?? `answer ${count}`);
  };

/** A latch: a promise and the function that resolves it. */
export function latch() {
  let open!: () => void;
  const opened = new Promise<void>((resolve) => (open = resolve));
  return { opened, open };
}

/**
 * The setup every case of the cache's suites shares, registered in the calling describe: one
 * origin started before the cases (`origin` forwards to it), a path of its own for each case
 * (`fresh`, so counts never mix), and fronts around new caches (`edge`), all closed after.
 */
export function cacheCases() {
  let started: TestOrigin | undefined;
  const running = () => started ?? assert.fail('the origin starts before the cases');
  const origin: TestOrigin = {
    get url() {
      return running().url;
    },
    count: (path) => running().count(path),
    received: (path) => running().received(path),
    route: (path, handler) => running().route(path, handler),
    stop: () => running().stop(),
  };
  const fronts: CachedFront[] = [];
  let paths = 0;
  const fresh = (name: string) => `/${name}-${++paths}`;

  async function edge(policy: CachePolicyRule | 'pass' = rule(), options: EdgeCacheOptions = {}, at: TestOrigin = origin) {
    const clock = manualClock();
    const cache = new EdgeCache({ now: clock.now, ...options });
    const front = await startFront(cache, policy, fetchFrom(at.url));
    fronts.push(front);
    const get = (path: string, headers: Record<string, string> = {}, method = 'GET') => request(front.url + path, { headers, method });
    return { cache, clock, front, get };
  }

  before(async () => {
    started = await startOrigin();
  });
  after(async () => {
    for (const front of fronts) await front.close();
    await origin.stop();
  });
  return { origin, fresh, edge };
}
