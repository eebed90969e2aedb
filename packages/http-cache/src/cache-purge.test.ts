import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { startOrigin } from '../test/cache-harness.ts';
import type { EdgeCache } from './edge-cache.ts';
import { answer, cacheCases, latch, rule } from '../test/cache-cases.ts';

/** The edge cache's surrogate key and purge cases, against a real origin as in edge-cache.test.ts (setup: test/cache-cases.ts). */

describe('edge cache (RFC 9111, RFC 5861) against a real origin', () => {
  const { origin, fresh, edge } = cacheCases();

  describe('surrogate keys and purge', () => {
    it('strips Surrogate-Key, and purges by key, by URL (normalised like the key) and everything', async () => {
      const hotel1 = fresh('hotel');
      const hotel2 = fresh('hotel');
      const search = fresh('search');
      origin.route(hotel1, answer({ 'cache-control': 'max-age=600', 'surrogate-key': 'hotel-1 area-1' }));
      origin.route(hotel2, answer({ 'cache-control': 'max-age=600', 'surrogate-key': 'hotel-2 area-1' }));
      origin.route(search, answer({ 'cache-control': 'max-age=600', 'surrogate-key': 'search' }));
      const { get, cache } = await edge(rule({ key: { query: ['area'], locale: false, device: false } }));
      const tagged = await get(hotel1);
      assert.equal(tagged.headers['surrogate-key'], undefined);
      await get(hotel2);
      await get(`${search}?area=1`);
      await get(`${search}?area=2`);
      assert.equal(cache.purge({ kind: 'key', keys: ['hotel-1'], soft: false }), 1);
      assert.equal((await get(hotel1)).headers['x-cache'], 'MISS');
      assert.equal((await get(hotel2)).headers['x-cache'], 'HIT');
      assert.equal(cache.purge({ kind: 'key', keys: ['area-1'], soft: false }), 2);
      assert.equal(cache.purge({ kind: 'url', urls: [`${search}?utm_source=x&area=1`], soft: false }), 1);
      assert.equal((await get(`${search}?area=1`)).headers['x-cache'], 'MISS');
      assert.equal((await get(`${search}?area=2`)).headers['x-cache'], 'HIT');
      assert.equal(cache.purge({ kind: 'all', soft: false }), 2);
      assert.equal(cache.store.count, 0);
      assert.equal((await get(hotel2)).headers['x-cache'], 'MISS');
    });

    it('a purge during a fetch keeps the fetched response only as stale: it may predate the purge', async () => {
      const path = fresh('racing');
      const release = latch();
      origin.route(path, (req, res, count) => {
        const reply = () => answer({ 'cache-control': 'max-age=600', 'surrogate-key': 'hotel-9' })(req, res, count);
        if (count === 1) void release.opened.then(reply);
        else reply();
      });
      const { get, cache, front } = await edge();
      const first = get(path);
      await front.received(1);
      cache.purge({ kind: 'key', keys: ['hotel-9'], soft: false });
      release.open();
      assert.equal((await first).body.toString(), 'answer 1');
      const next = await get(path);
      assert.equal(next.headers['x-cache'], 'MISS');
      assert.equal(next.body.toString(), 'answer 2');
      assert.equal((await get(path)).headers['x-cache'], 'HIT');
    });

    it('a removal spoils only the fills it covers: a write or purge elsewhere leaves a concurrent fill fresh', async () => {
      const page = fresh('filling');
      const other = fresh('written');
      const release = latch();
      origin.route(page, (req, res, count) => {
        const reply = () => answer({ 'cache-control': 'max-age=600', 'surrogate-key': 'page' })(req, res, count);
        if (count === 1) void release.opened.then(reply);
        else reply();
      });
      origin.route(other, answer({}, 'booked', 201));
      const { get, cache, front } = await edge();
      const filling = get(page);
      await front.received(1);
      assert.equal((await get(other, {}, 'POST')).status, 201);
      cache.purge({ kind: 'key', keys: ['elsewhere'], soft: false });
      cache.purge({ kind: 'url', urls: [`${page}-not`], soft: false });
      release.open();
      assert.equal((await filling).body.toString(), 'answer 1');
      const next = await get(page);
      assert.equal(next.headers['x-cache'], 'HIT', 'stored fresh: nothing removed covered its key');
      assert.equal(origin.count(page), 1);
    });

    it('a write to the same path, or a purge of its URL or everything, during a fill keeps the fill only as stale', async () => {
      const removals: Array<(cache: EdgeCache, path: string, get: (path: string, headers: Record<string, string>, method: string) => Promise<unknown>) => unknown> = [
        (_cache, path, get) => get(path, {}, 'POST'),
        (cache, path) => cache.purge({ kind: 'url', urls: [path], soft: false }),
        (cache) => cache.purge({ kind: 'all', soft: false }),
      ];
      for (const remove of removals) {
        const path = fresh('covered');
        const release = latch();
        origin.route(path, (req, res, count) => {
          const reply = () => answer({ 'cache-control': 'max-age=600' })(req, res, count);
          if (count === 1) void release.opened.then(reply);
          else reply();
        });
        const { get, cache, front } = await edge();
        const filling = get(path);
        await front.received(1);
        await remove(cache, path, get);
        release.open();
        await filling;
        assert.equal((await get(path)).headers['x-cache'], 'MISS', String(remove));
      }
    });

    it('a soft purge marks entries stale: served under SWR / stale-if-error while refetched', async () => {
      const own = await startOrigin();
      const path = fresh('soft');
      own.route(path, answer({ 'cache-control': 'max-age=600, stale-while-revalidate=30, stale-if-error=300', 'surrogate-key': 'banners' }));
      const { get, cache, clock } = await edge(rule(), {}, own);
      await get(path);
      assert.equal(cache.purge({ kind: 'key', keys: ['banners'], soft: true }), 1);
      assert.equal(cache.store.count, 1);
      const stale = await get(path);
      assert.equal(stale.headers['x-cache'], 'STALE');
      assert.equal(stale.body.toString(), 'answer 1');
      await cache.settled();
      assert.equal((await get(path)).body.toString(), 'answer 2');
      cache.purge({ kind: 'all', soft: true });
      await own.stop();
      clock.advance(60);
      const whileDown = await get(path);
      assert.equal(whileDown.headers['x-cache'], 'STALE');
      assert.equal(whileDown.body.toString(), 'answer 2');
    });
  });
});
