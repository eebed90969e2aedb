import assert from 'node:assert/strict';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { after, before, describe, it } from 'node:test';
import zlib from 'node:zlib';
import type { CachePolicyRule } from '@hatago/edge-rules';
import { type CachedFront, fetchFrom, manualClock, startFront, startOrigin, type TestOrigin } from '../test/cache-harness.ts';
import { EdgeCache, type EdgeCacheOptions } from './edge-cache.ts';
import { request } from '../test/http-client.ts';

/**
 * RFC 9111 / RFC 5861 behaviour of the edge cache, one case per bullet of issue 6's caching
 * section, each against a real origin process that counts what reaches it. Time moves by
 * an injected clock, never by waiting.
 */

const rule = (over: Partial<CachePolicyRule> = {}): CachePolicyRule => ({
  ttl: 'origin',
  graceSeconds: 0,
  key: { query: [], locale: false, device: false },
  ...over,
});

const PAGE = `<!doctype html><title>Hotel</title>${'<p>A quiet ryokan by the river, with an onsen and seasonal kaiseki.</p>'.repeat(120)}`;

/** An origin route answering with fixed headers and a body (the count of requests so far, unless given). */
const answer =
  (headers: Record<string, string | string[]>, body?: string, status = 200) =>
  (_req: IncomingMessage, res: ServerResponse, count: number) => {
    res.writeHead(status, { 'content-type': 'text/plain', ...headers });
    res.end(body ?? `answer ${count}`);
  };

/** A latch: a promise and the function that resolves it. */
function latch() {
  let open!: () => void;
  const opened = new Promise<void>((resolve) => (open = resolve));
  return { opened, open };
}

describe('edge cache (RFC 9111, RFC 5861) against a real origin', () => {
  let origin: TestOrigin;
  const fronts: CachedFront[] = [];
  let paths = 0;
  /** A path of its own for each case, so counts never mix. */
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
    origin = await startOrigin();
  });
  after(async () => {
    for (const front of fronts) await front.close();
    await origin.stop();
  });

  describe('freshness and cacheability', () => {
    it('answers every response, a hit too, with its own request id once, never the one stored with the page', async () => {
      const path = fresh('request-id');
      origin.route(path, (_req, res, count) => {
        res.writeHead(200, { 'content-type': 'text/plain', 'cache-control': 'public, max-age=60', 'x-request-id': `origin-${count}` });
        res.end('page');
      });
      const { get } = await edge();
      const miss = await get(path);
      const hit = await get(path);
      assert.equal(hit.headers['x-cache'], 'HIT');
      for (const res of [miss, hit]) assert.match(String(res.headers['x-request-id']), /^req-\d+$/, 'one id, the front\'s');
      assert.notEqual(hit.headers['x-request-id'], miss.headers['x-request-id']);
    });

    it('max-age: a fresh response is answered by the edge, a stale one goes back to the origin', async () => {
      const path = fresh('max-age');
      origin.route(path, answer({ 'cache-control': 'public, max-age=60' }));
      const { get, clock } = await edge();
      const first = await get(path);
      assert.equal(first.headers['x-cache'], 'MISS');
      assert.equal(first.headers['cache-status'], 'Hatago; fwd=uri-miss; stored');
      const second = await get(path);
      assert.equal(second.headers['x-cache'], 'HIT');
      assert.equal(second.headers['cache-status'], 'Hatago; hit');
      assert.equal(second.body.toString(), 'answer 1');
      assert.equal(origin.count(path), 1);
      clock.advance(61);
      const third = await get(path);
      assert.equal(third.body.toString(), 'answer 2');
      assert.equal(third.headers['x-cache'], 'MISS');
      assert.equal(origin.count(path), 2);
    });

    it('s-maxage outranks max-age in a shared cache, both ways', async () => {
      const longer = fresh('s-maxage-long');
      const zero = fresh('s-maxage-zero');
      origin.route(longer, answer({ 'cache-control': 'max-age=0, s-maxage=120' }));
      origin.route(zero, answer({ 'cache-control': 'max-age=120, s-maxage=0' }));
      const { get, clock } = await edge();
      await get(longer);
      clock.advance(100);
      assert.equal((await get(longer)).headers['x-cache'], 'HIT');
      await get(zero);
      await get(zero);
      assert.equal(origin.count(longer), 1);
      assert.equal(origin.count(zero), 2);
    });

    it('no-store and private responses are never stored, and later requests pass straight to the origin', async () => {
      for (const directive of ['no-store', 'private, max-age=60']) {
        const path = fresh('not-shared');
        origin.route(path, answer({ 'cache-control': directive }));
        const { get } = await edge();
        const first = await get(path);
        const second = await get(path);
        assert.equal(first.headers['x-cache'], 'MISS', directive);
        assert.equal(second.headers['x-cache'], 'PASS', directive);
        assert.equal(second.headers['cache-status'], 'Hatago; fwd=bypass; detail=hit-for-pass');
        assert.equal(second.body.toString(), 'answer 2');
        assert.equal(origin.count(path), 2, directive);
      }
    });

    it('no-cache: stored, but every use is validated with the origin first', async () => {
      const path = fresh('no-cache');
      origin.route(path, (req, res, count) => {
        if (count > 1 && req.headers['if-none-match'] === '"v1"') {
          res.writeHead(304, { etag: '"v1"', 'cache-control': 'no-cache' });
          return res.end();
        }
        answer({ 'cache-control': 'no-cache', etag: '"v1"' }, 'the page')(req, res, count);
      });
      const { get } = await edge();
      await get(path);
      const second = await get(path);
      assert.equal(second.status, 200);
      assert.equal(second.body.toString(), 'the page');
      assert.equal(second.headers['cache-status'], 'Hatago; fwd=stale; fwd-status=304; stored');
      assert.equal(origin.count(path), 2);
      assert.equal(origin.received(path)[1]!['if-none-match'], '"v1"');
    });

    it('must-revalidate forbids serving stale when the origin fails, where grace alone would allow it', async () => {
      const strict = fresh('must-revalidate');
      const lax = fresh('graceful');
      const failingAfterFirst = (cacheControl: string) => (req: IncomingMessage, res: ServerResponse, count: number) =>
        count === 1 ? answer({ 'cache-control': cacheControl }, 'kept')(req, res, count) : answer({}, 'origin broke', 503)(req, res, count);
      origin.route(strict, failingAfterFirst('max-age=10, must-revalidate'));
      origin.route(lax, failingAfterFirst('max-age=10'));
      const { get, clock, cache } = await edge(rule({ graceSeconds: 600 }));
      await get(strict);
      await get(lax);
      clock.advance(20);
      const refused = await get(strict);
      assert.equal(refused.status, 503);
      assert.equal(refused.body.toString(), 'origin broke');
      const served = await get(lax);
      assert.equal(served.status, 200);
      assert.equal(served.body.toString(), 'kept');
      assert.equal(served.headers['x-cache'], 'STALE');
      await cache.settled();
      clock.advance(10);
      const whileFailing = await get(lax);
      assert.equal(whileFailing.body.toString(), 'kept', 'the failed refresh kept the stale copy');
      await cache.settled();
    });

    it('proxy-revalidate: a shared cache checks with the origin before reuse', async () => {
      const path = fresh('proxy-revalidate');
      origin.route(path, (req, res, count) => {
        if (req.headers['if-none-match'] === '"p1"') {
          res.writeHead(304, { etag: '"p1"' });
          return res.end();
        }
        answer({ 'cache-control': 'max-age=600, proxy-revalidate', etag: '"p1"' }, 'checked')(req, res, count);
      });
      const { get } = await edge();
      await get(path);
      const second = await get(path);
      assert.equal(second.body.toString(), 'checked');
      assert.equal(origin.count(path), 2);
      assert.equal(origin.received(path)[1]!['if-none-match'], '"p1"');
    });

    it('Expires gives freshness when Cache-Control has none; Age already spent shortens it', async () => {
      const expires = fresh('expires');
      const aged = fresh('aged');
      const now = Date.now();
      origin.route(expires, (req, res, count) =>
        answer({ date: new Date(now).toUTCString(), expires: new Date(now + 30_000).toUTCString() })(req, res, count),
      );
      origin.route(aged, answer({ 'cache-control': 'max-age=60', age: '50' }));
      const { get, clock } = await edge();
      await get(expires);
      await get(aged);
      clock.advance(5);
      assert.equal((await get(expires)).headers['x-cache'], 'HIT');
      const agedHit = await get(aged);
      assert.equal(agedHit.headers['x-cache'], 'HIT');
      assert.equal(agedHit.headers.age, '55');
      clock.advance(6);
      assert.equal((await get(aged)).headers['x-cache'], 'MISS', 'past 60 s of age in all');
      assert.equal((await get(expires)).headers['x-cache'], 'HIT');
      clock.advance(20);
      assert.equal((await get(expires)).headers['x-cache'], 'MISS');
      assert.equal(origin.count(expires), 2);
      assert.equal(origin.count(aged), 2);
    });

    it('heuristic freshness only for a response that allows it: Last-Modified yes, nothing at all no', async () => {
      const modified = fresh('heuristic');
      const bare = fresh('bare');
      const now = Date.now();
      origin.route(modified, answer({ date: new Date(now).toUTCString(), 'last-modified': new Date(now - 10 * 86_400_000).toUTCString() }));
      origin.route(bare, answer({}));
      const { get, clock } = await edge();
      await get(modified);
      clock.advance(3600);
      assert.equal((await get(modified)).headers['x-cache'], 'HIT', '10% of ten days is a day');
      clock.advance(2 * 86_400);
      await get(modified);
      assert.equal(origin.count(modified), 2);
      assert.ok(origin.received(modified)[1]!['if-modified-since'], 'revalidated with its Last-Modified');
      await get(bare);
      await get(bare);
      assert.equal(origin.count(bare), 2);
    });

    it('Vary on Accept-Language and Accept-Encoding keys by the normalised values, not the raw header strings', async () => {
      const path = fresh('vary');
      origin.route(path, (req, res, count) => {
        const lang = String(req.headers['accept-language'] ?? '').startsWith('en') ? 'en' : 'ja';
        answer({ 'cache-control': 'max-age=60', vary: 'Accept-Language, Accept-Encoding', 'content-type': 'text/html' }, `${lang} ${count} ${PAGE}`)(req, res, count);
      });
      const { get } = await edge();
      const browsers: Array<Record<string, string>> = [
        { 'accept-language': 'ja-JP,ja;q=0.9,en;q=0.8', 'accept-encoding': 'gzip, deflate, br' },
        { 'accept-language': 'ja', 'accept-encoding': 'gzip' },
        { 'accept-language': 'en-US,en;q=0.9', 'accept-encoding': 'br, gzip' },
        { 'accept-language': 'en-GB,en;q=0.5,ja;q=0.1' },
        { 'accept-language': 'fr-FR,fr;q=0.9' },
      ];
      const bodies = [];
      for (const headers of browsers) {
        const res = await get(path, headers);
        const decoded = res.headers['content-encoding'] === 'br' ? zlib.brotliDecompressSync(res.body) : res.headers['content-encoding'] === 'gzip' ? zlib.gunzipSync(res.body) : res.body;
        bodies.push(decoded.toString().slice(0, 4));
      }
      assert.deepEqual(bodies, ['ja 1', 'ja 1', 'en 2', 'en 2', 'ja 1'], 'French falls back to the default language');
      assert.equal(origin.count(path), 2, 'one response per served language');
    });

    it('a response that sets a cookie is never shared, even when marked public', async () => {
      const path = fresh('cookie');
      origin.route(path, answer({ 'cache-control': 'public, max-age=60', 'set-cookie': 'session=abc; HttpOnly' }));
      const { get } = await edge();
      const first = await get(path);
      const second = await get(path);
      assert.equal(first.headers['set-cookie']?.[0], 'session=abc; HttpOnly');
      assert.notEqual(second.headers['x-cache'], 'HIT');
      assert.equal(origin.count(path), 2);
    });

    it('an unsafe method that succeeds invalidates its target and same-origin Location / Content-Location; a failed one does not', async () => {
      const target = fresh('target');
      const located = fresh('located');
      const contentLocated = fresh('content-located');
      const elsewhere = fresh('elsewhere');
      for (const path of [target, located, contentLocated, elsewhere]) origin.route(path, answer({ 'cache-control': 'max-age=600' }));
      const write = fresh('write');
      let fail = true;
      origin.route(target, (req, res, count) => {
        if (req.method === 'GET') return answer({ 'cache-control': 'max-age=600' })(req, res, count);
        if (fail) return answer({}, 'refused', 409)(req, res, count);
        res.writeHead(201, { location: located, 'content-location': `http://127.0.0.1:1${contentLocated}` });
        res.end();
      });
      origin.route(write, (req, res) => {
        res.writeHead(303, { location: `http://other.example${elsewhere}`, 'content-location': contentLocated });
        res.end();
      });
      const { get, front } = await edge();
      const host = new URL(front.url).host;
      const all = [target, located, contentLocated, elsewhere];
      for (const path of all) await get(path);
      await get(target, {}, 'POST');
      assert.equal((await get(target)).headers['x-cache'], 'HIT', 'a 409 changed nothing');
      fail = false;
      const created = await get(target, {}, 'PUT');
      assert.equal(created.status, 201);
      assert.equal(created.headers['x-cache'], 'PASS');
      assert.equal(created.headers['cache-status'], 'Hatago; fwd=method');
      assert.equal((await get(target)).headers['x-cache'], 'MISS');
      assert.equal((await get(located)).headers['x-cache'], 'MISS');
      assert.equal((await get(contentLocated)).headers['x-cache'], 'HIT', 'a Content-Location on another host is not ours to invalidate');
      await get(write, { host }, 'DELETE');
      assert.equal((await get(contentLocated)).headers['x-cache'], 'MISS');
      assert.equal((await get(elsewhere)).headers['x-cache'], 'HIT');
    });

    it("a route's ttl overrides the origin's lifetime but never its refusal to be stored", async () => {
      const silent = fresh('ttl-silent');
      const personal = fresh('ttl-private');
      origin.route(silent, answer({}));
      origin.route(personal, answer({ 'cache-control': 'private' }));
      const { get, clock } = await edge(rule({ ttl: 30 }));
      await get(silent);
      clock.advance(29);
      assert.equal((await get(silent)).headers['x-cache'], 'HIT');
      clock.advance(2);
      assert.equal((await get(silent)).headers['x-cache'], 'MISS');
      await get(personal);
      await get(personal);
      assert.equal(origin.count(personal), 2);
    });

    it('the key keeps only the route’s query parameters, in the rule’s order, and splits by locale when asked', async () => {
      const path = fresh('keyed');
      origin.route(path, (req, res, count) => answer({ 'cache-control': 'max-age=60' }, `${req.url} ${count}`)(req, res, count));
      const { get } = await edge(rule({ key: { query: ['nights', 'checkin'], locale: true, device: false } }));
      const a = await get(`${path}?utm_source=tv&checkin=2026-05-01&nights=2&fbclid=x`);
      const b = await get(`${path}?nights=2&checkin=2026-05-01`, { 'accept-language': 'ja-JP' });
      assert.equal(a.body.toString(), `${path}?nights=2&checkin=2026-05-01 1`, 'the origin is asked for the normalised URL');
      assert.equal(b.headers['x-cache'], 'HIT');
      const english = await get(`${path}?checkin=2026-05-01&nights=2`, { 'accept-language': 'en' });
      assert.equal(english.headers['x-cache'], 'MISS');
      await get(`${path}?checkin=2026-05-02&nights=2`);
      assert.equal(origin.count(path), 3);
    });
  });

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

  describe('request collapsing', () => {
    it('N concurrent misses for one key make one origin request; the others wait for it', async () => {
      const path = fresh('collapse');
      const release = latch();
      origin.route(path, (req, res, count) => void release.opened.then(() => answer({ 'cache-control': 'max-age=60' })(req, res, count)));
      const { get, front } = await edge();
      const answers = Array.from({ length: 50 }, () => get(path));
      await front.received(50);
      release.open();
      const done = await Promise.all(answers);
      assert.equal(origin.count(path), 1);
      assert.ok(done.every((res) => res.body.toString() === 'answer 1'));
      const statuses = done.map((res) => res.headers['cache-status']);
      assert.equal(statuses.filter((s) => s === 'Hatago; fwd=uri-miss; stored').length, 1);
      assert.equal(statuses.filter((s) => s === 'Hatago; hit; detail=collapsed').length, 49);
    });

    it('waiters are released when the response is uncacheable, and the key then passes to the origin concurrently', async () => {
      const path = fresh('hit-for-pass');
      const release = latch();
      const together = latch();
      origin.route(path, (req, res, count) => {
        if (count === 1) return void release.opened.then(() => answer({ 'cache-control': 'private' })(req, res, count));
        // requests 2-11 are the released waiters, 12-16 later ones: each group answers only once all of it arrived,
        // which can only happen when the edge sends them side by side
        if (count === 16) together.open();
        if (count <= 11) return answer({ 'cache-control': 'private' })(req, res, count);
        void together.opened.then(() => answer({ 'cache-control': 'private' })(req, res, count));
      });
      const { get, front } = await edge();
      const waiting = Array.from({ length: 11 }, () => get(path));
      await front.received(11);
      release.open();
      const first = await Promise.all(waiting);
      assert.equal(origin.count(path), 11);
      assert.equal(first.filter((res) => res.headers['x-cache'] === 'MISS').length, 1);
      assert.equal(first.filter((res) => res.headers['cache-status'] === 'Hatago; fwd=bypass; detail=hit-for-pass').length, 10);
      const later = await Promise.all(Array.from({ length: 5 }, () => get(path)));
      assert.ok(later.every((res) => res.headers['x-cache'] === 'PASS'));
      assert.equal(origin.count(path), 16);
    });
  });

  describe('memory', () => {
    it('keeps to its byte budget by evicting the least recently used entries', async () => {
      const [a, b, c, d] = ['a', 'b', 'c', 'd'].map((name) => fresh(`lru-${name}`));
      const blob = 'x'.repeat(10_000);
      for (const path of [a!, b!, c!, d!]) origin.route(path, answer({ 'cache-control': 'max-age=600', 'content-type': 'application/octet-stream' }, blob));
      const { get, cache } = await edge(rule(), { maxBytes: 36_000, maxObjectBytes: 12_000 });
      for (const path of [a!, b!, c!]) await get(path);
      assert.equal(cache.store.count, 3);
      await get(a!);
      await get(d!);
      assert.equal(cache.store.count, 3);
      assert.ok(cache.store.storedBytes <= 36_000);
      assert.equal((await get(a!)).headers['x-cache'], 'HIT', 'recently used');
      assert.equal((await get(b!)).headers['x-cache'], 'MISS', 'least recently used went first');
    });

    it('streams a response over the per-object limit to the client and does not store it', async () => {
      const chunked = fresh('large-chunked');
      const declared = fresh('large-declared');
      const restMayFollow = latch();
      const chunk = Buffer.alloc(64 * 1024, 'y');
      origin.route(chunked, (_req, res, count) => {
        res.writeHead(200, { 'cache-control': 'max-age=600', 'content-type': 'application/octet-stream' });
        res.write(chunk);
        // the rest comes only after the client has seen the first bytes: an edge that buffered would never deliver them
        const rest = () => {
          for (let i = 0; i < 15; i++) res.write(chunk);
          res.end();
        };
        if (count === 1) void restMayFollow.opened.then(rest);
        else rest();
      });
      origin.route(declared, answer({ 'cache-control': 'max-age=600', 'content-length': String(200_000), 'content-type': 'application/octet-stream' }, 'z'.repeat(200_000)));
      const { front, cache } = await edge(rule(), { maxObjectBytes: 100_000 });
      const received = await new Promise<number>((resolve, reject) => {
        import('node:http').then(({ default: http }) => {
          http.get(front.url + chunked, (res) => {
            let bytes = 0;
            res.on('data', (part: Buffer) => {
              if (bytes === 0) restMayFollow.open();
              bytes += part.length;
            });
            res.on('end', () => resolve(bytes));
            res.on('error', reject);
          });
        }, reject);
      });
      assert.equal(received, 16 * 64 * 1024);
      const again = await request(front.url + chunked);
      assert.equal(again.headers['x-cache'], 'PASS');
      assert.equal(again.body.length, 16 * 64 * 1024);
      assert.equal((await request(front.url + declared)).body.length, 200_000);
      assert.equal((await request(front.url + declared)).headers['x-cache'], 'PASS');
      assert.equal(cache.store.count, 0);
      assert.deepEqual([origin.count(chunked), origin.count(declared)], [2, 2]);
    });
  });

  describe('cache status and compression', () => {
    it('a pass route says PASS / fwd=bypass', async () => {
      const path = fresh('pass-route');
      origin.route(path, answer({ 'cache-control': 'max-age=60' }));
      const { get } = await edge('pass');
      const res = await get(path);
      assert.equal(res.headers['x-cache'], 'PASS');
      assert.equal(res.headers['cache-status'], 'Hatago; fwd=bypass');
      assert.equal((await get(path)).headers['x-cache'], 'PASS');
      assert.equal(origin.count(path), 2);
    });

    it('compresses compressible responses once per encoding when stored, and picks one per client', async () => {
      const path = fresh('compress');
      origin.route(path, answer({ 'cache-control': 'max-age=60', 'content-type': 'text/html; charset=utf-8' }, PAGE));
      const { get, cache } = await edge();
      const miss = await get(path, { 'accept-encoding': 'gzip, br' });
      assert.equal(miss.headers.vary, 'Accept-Encoding');
      assert.equal(origin.received(path)[0]!['accept-encoding'], undefined, 'the origin is asked for identity');
      const br = await get(path, { 'accept-encoding': 'gzip, deflate, br, zstd' });
      const gzip = await get(path, { 'accept-encoding': 'gzip;q=1, br;q=0' });
      const plain = await get(path, { 'accept-encoding': 'identity' });
      const none = await get(path);
      assert.deepEqual(
        [br, gzip, plain, none].map((res) => res.headers['content-encoding']),
        ['br', 'gzip', undefined, undefined],
      );
      assert.equal(zlib.brotliDecompressSync(br.body).toString(), PAGE);
      assert.equal(zlib.gunzipSync(gzip.body).toString(), PAGE);
      assert.equal(plain.body.toString(), PAGE);
      assert.ok(br.body.length < PAGE.length / 4);
      assert.equal(Number(gzip.headers['content-length']), gzip.body.length);
      for (const res of [br, gzip, plain]) {
        assert.equal(res.headers['x-cache'], 'HIT');
        assert.equal(res.headers.vary, 'Accept-Encoding');
      }
      assert.equal(origin.count(path), 1);
      assert.match(await cache.registry.metrics(), /edge_cache_responses_total\{cache="HIT"\} 4/);
    });

    it('leaves alone what is not worth compressing: images, tiny bodies, no-transform', async () => {
      const image = fresh('png');
      const tiny = fresh('tiny');
      const untouchable = fresh('no-transform');
      origin.route(image, answer({ 'cache-control': 'max-age=60', 'content-type': 'image/png' }, 'p'.repeat(5000)));
      origin.route(tiny, answer({ 'cache-control': 'max-age=60', 'content-type': 'text/plain' }, 'small'));
      origin.route(untouchable, answer({ 'cache-control': 'max-age=60, no-transform', 'content-type': 'text/html' }, PAGE));
      const { get } = await edge();
      for (const path of [image, tiny, untouchable]) {
        await get(path);
        const hit = await get(path, { 'accept-encoding': 'br, gzip' });
        assert.equal(hit.headers['x-cache'], 'HIT');
        assert.equal(hit.headers['content-encoding'], undefined, path);
      }
    });
  });

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
