import assert from 'node:assert/strict';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { describe, it } from 'node:test';
import { startOrigin } from '../test/cache-harness.ts';
import { answer, cacheCases, latch, rule } from '../test/cache-cases.ts';

/** The edge cache's revalidation and stale cases, against a real origin as in edge-cache.test.ts (setup: test/cache-cases.ts). */

describe('edge cache (RFC 9111, RFC 5861) against a real origin', () => {
  const { origin, fresh, edge } = cacheCases();

  describe('revalidation', () => {
    it('ETag: a conditional request, and a 304 merges its headers and freshness into the stored response', async () => {
      const path = fresh('etag');
      origin.route(path, (req, res, count) => {
        if (req.headers['if-none-match'] === '"e1"') {
          res.writeHead(304, { etag: '"e1"', 'cache-control': 'max-age=20', 'x-version': '2' });
          return res.end();
        }
        answer({ etag: '"e1"', 'cache-control': 'max-age=10', 'x-version': '1' }, 'original body')(req, res, count);
      });
      const { get, clock } = await edge();
      await get(path);
      clock.advance(11);
      const revalidated = await get(path);
      assert.equal(revalidated.status, 200);
      assert.equal(revalidated.body.toString(), 'original body');
      assert.equal(revalidated.headers['x-version'], '2');
      assert.equal(revalidated.headers['cache-status'], 'Hatago; fwd=stale; fwd-status=304; stored');
      clock.advance(15);
      const hit = await get(path);
      assert.equal(hit.headers['x-cache'], 'HIT', 'fresh for the 304’s max-age=20');
      assert.equal(hit.headers['x-version'], '2');
      assert.equal(hit.headers.age, '15');
      assert.equal(origin.count(path), 2);
    });

    it('Last-Modified: revalidated with If-Modified-Since', async () => {
      const path = fresh('last-modified');
      const lastModified = new Date(Date.now() - 86_400_000).toUTCString();
      origin.route(path, (req, res, count) => {
        if (req.headers['if-modified-since'] === lastModified) {
          res.writeHead(304, { 'cache-control': 'max-age=10' });
          return res.end();
        }
        answer({ 'last-modified': lastModified, 'cache-control': 'max-age=10' }, 'dated')(req, res, count);
      });
      const { get, clock } = await edge();
      await get(path);
      clock.advance(11);
      assert.equal((await get(path)).body.toString(), 'dated');
      assert.equal(origin.received(path)[1]!['if-modified-since'], lastModified);
    });

    it("answers a client's If-None-Match / If-Modified-Since from a fresh entry with 304", async () => {
      const path = fresh('client-conditional');
      const lastModified = 'Mon, 01 Jun 2026 00:00:00 GMT';
      origin.route(path, answer({ etag: 'W/"c1"', 'last-modified': lastModified, 'cache-control': 'max-age=60' }, 'body'));
      const { get } = await edge();
      assert.equal((await get(path, { 'if-none-match': 'W/"c1"' })).status, 200, 'a cold miss asks the origin for the whole response');
      const matched = await get(path, { 'if-none-match': '"x", "c1"' });
      assert.equal(matched.status, 304);
      assert.equal(matched.body.length, 0);
      assert.equal(matched.headers.etag, 'W/"c1"');
      assert.equal(matched.headers['x-cache'], 'HIT');
      assert.equal((await get(path, { 'if-none-match': '"other"' })).status, 200);
      assert.equal((await get(path, { 'if-modified-since': 'Tue, 02 Jun 2026 00:00:00 GMT' })).status, 304);
      assert.equal((await get(path, { 'if-modified-since': 'Sun, 31 May 2026 00:00:00 GMT' })).status, 200);
      assert.equal(origin.count(path), 1);
      assert.equal(origin.received(path)[0]!['if-none-match'], undefined, "the client's validators are the edge's to answer");
    });

    it('HEAD is answered from a cached GET, and a cold HEAD fills the cache with a GET', async () => {
      const warm = fresh('head-warm');
      const cold = fresh('head-cold');
      for (const path of [warm, cold]) origin.route(path, answer({ 'cache-control': 'max-age=60' }, 'twelve bytes'));
      const { get } = await edge();
      await get(warm);
      const head = await get(warm, {}, 'HEAD');
      assert.equal(head.headers['x-cache'], 'HIT');
      assert.equal(head.headers['content-length'], '12');
      assert.equal(head.body.length, 0);
      const coldHead = await get(cold, {}, 'HEAD');
      assert.equal(coldHead.body.length, 0);
      assert.equal((await get(cold)).body.toString(), 'twelve bytes');
      assert.deepEqual([origin.count(warm), origin.count(cold)], [1, 1]);
    });

    it('Age counts the seconds an entry has been held', async () => {
      const path = fresh('age');
      origin.route(path, answer({ 'cache-control': 'max-age=600' }));
      const { get, clock } = await edge();
      assert.equal((await get(path)).headers.age, undefined, 'a response straight from the origin has no age of ours');
      clock.advance(42.5);
      assert.equal((await get(path)).headers.age, '42');
    });
  });

  describe('serving stale', () => {
    it('stale-while-revalidate: stale answers at once, and many of them start ONE background refresh', async () => {
      const path = fresh('swr');
      const refresh = latch();
      origin.route(path, (req, res, count) => {
        const reply = () => answer({ 'cache-control': 'max-age=10, stale-while-revalidate=60' })(req, res, count);
        // the refresh answers only once all twenty stale requests reached the edge
        if (count === 2) void refresh.opened.then(reply);
        else reply();
      });
      const { get, clock, cache, front } = await edge();
      await get(path);
      clock.advance(15);
      const pending = Promise.all(Array.from({ length: 20 }, () => get(path)));
      await front.received(21);
      refresh.open();
      const answers = await pending;
      for (const res of answers) {
        assert.equal(res.headers['x-cache'], 'STALE');
        assert.equal(res.body.toString(), 'answer 1');
        assert.equal(res.headers['cache-status'], 'Hatago; hit; fwd=stale; detail=stale-while-revalidate');
      }
      await cache.settled();
      assert.equal(origin.count(path), 2);
      const refreshed = await get(path);
      assert.equal(refreshed.headers['x-cache'], 'HIT');
      assert.equal(refreshed.body.toString(), 'answer 2');
      clock.advance(100);
      assert.equal((await get(path)).headers['x-cache'], 'MISS', 'past the window the refresh is synchronous');
    });

    it('stale-if-error: origin down, reset or 5xx → stale within the window, the error after it', async () => {
      const own = await startOrigin();
      const down = fresh('sie-down');
      const broken = fresh('sie-5xx');
      const reset = fresh('sie-reset');
      let failing = false;
      const flaky = (req: IncomingMessage, res: ServerResponse, count: number) => {
        if (!failing) return answer({ 'cache-control': 'max-age=10, stale-if-error=60' }, 'good copy')(req, res, count);
        if (req.url === reset) return req.socket.destroy();
        answer({}, 'origin error', 500)(req, res, count);
      };
      for (const path of [down, broken, reset]) {
        own.route(path, flaky);
        origin.route(path, flaky);
      }
      const gone = await edge(rule(), {}, own);
      const erring = await edge();
      await gone.get(down);
      await erring.get(broken);
      await erring.get(reset);
      await own.stop();
      failing = true;
      gone.clock.advance(30);
      erring.clock.advance(30);
      for (const [res, detail] of [
        [await gone.get(down), 'Hatago; fwd=stale; detail=stale-if-error'],
        [await erring.get(broken), 'Hatago; fwd=stale; fwd-status=500; detail=stale-if-error'],
        [await erring.get(reset), 'Hatago; fwd=stale; detail=stale-if-error'],
      ] as const) {
        assert.equal(res.status, 200);
        assert.equal(res.body.toString(), 'good copy');
        assert.equal(res.headers['x-cache'], 'STALE');
        assert.equal(res.headers['cache-status'], detail);
      }
      // a cache must not hide an outage from its operators: every stale answer on error is counted
      const hidden = async (cache: typeof gone.cache) => (await cache.registry.getSingleMetric('edge_cache_stale_if_error_total')!.get()).values[0]?.value;
      assert.deepEqual([await hidden(gone.cache), await hidden(erring.cache)], [1, 2]);
      gone.clock.advance(60);
      erring.clock.advance(60);
      const unavailable = await gone.get(down);
      assert.equal(unavailable.status, 503);
      assert.match(unavailable.body.toString(), /Request ID: <code>req-\d+<\/code>/);
      assert.equal(unavailable.headers['x-cache'], 'MISS');
      const error = await erring.get(broken);
      assert.equal(error.status, 500);
      assert.equal(error.body.toString(), 'origin error');
    });

    it("a route's grace stands in for both when the origin sends neither", async () => {
      const path = fresh('grace');
      let failing = false;
      origin.route(path, (req, res, count) =>
        failing ? answer({}, 'down', 502)(req, res, count) : answer({ 'cache-control': 'max-age=10' })(req, res, count),
      );
      const { get, clock, cache } = await edge(rule({ graceSeconds: 120 }));
      await get(path);
      clock.advance(30);
      assert.equal((await get(path)).headers['x-cache'], 'STALE', 'served while refreshing');
      await cache.settled();
      assert.equal((await get(path)).body.toString(), 'answer 2');
      failing = true;
      clock.advance(60);
      const stale = await get(path);
      assert.equal(stale.headers['x-cache'], 'STALE');
      await cache.settled();
      clock.advance(60);
      const graceful = await get(path);
      assert.equal(graceful.body.toString(), 'answer 2', 'the failed refresh left the stale copy, still within grace');
      await cache.settled();
      clock.advance(200);
      assert.equal((await get(path)).status, 502);
    });
  });
});
