import assert from 'node:assert/strict';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { describe, it } from 'node:test';
import zlib from 'node:zlib';
import { answer, cacheCases, PAGE, rule } from '../test/cache-cases.ts';

/**
 * RFC 9111 / RFC 5861 behaviour of the edge cache, one case per bullet of issue 6's caching
 * section, each against a real origin process that counts what reaches it. Time moves by
 * an injected clock, never by waiting.
 */

describe('edge cache (RFC 9111, RFC 5861) against a real origin', () => {
  const { origin, fresh, edge } = cacheCases();

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

    it('an extension method that succeeds invalidates its target like POST; a safe one (PROPFIND) does not', async () => {
      const path = fresh('dav');
      origin.route(path, answer({ 'cache-control': 'max-age=600' }));
      const { get } = await edge();
      await get(path);
      assert.equal((await get(path, {}, 'PROPFIND')).headers['x-cache'], 'PASS');
      assert.equal((await get(path)).headers['x-cache'], 'HIT', 'PROPFIND is safe');
      assert.equal((await get(path, {}, 'PROPPATCH')).status, 200);
      assert.equal((await get(path)).headers['x-cache'], 'MISS', 'PROPPATCH may have changed it');
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
      const { get } = await edge(rule({ key: { query: ['nights', 'checkin'], forwardQuery: 'key', locale: true, device: false } }));
      const a = await get(`${path}?utm_source=tv&checkin=2026-05-01&nights=2&fbclid=x`);
      const b = await get(`${path}?nights=2&checkin=2026-05-01`, { 'accept-language': 'ja-JP' });
      assert.equal(a.body.toString(), `${path}?nights=2&checkin=2026-05-01 1`, 'the origin is asked for the normalised URL');
      assert.equal(b.headers['x-cache'], 'HIT');
      const english = await get(`${path}?checkin=2026-05-01&nights=2`, { 'accept-language': 'en' });
      assert.equal(english.headers['x-cache'], 'MISS');
      await get(`${path}?checkin=2026-05-02&nights=2`);
      assert.equal(origin.count(path), 3);
    });

    it('leaving parameters out of the key never changes what the origin is asked, unless the rule forwards the key URL', async () => {
      const path = fresh('forwarded');
      origin.route(path, (req, res, count) => answer({ 'cache-control': 'max-age=60' }, `${req.url} ${count}`)(req, res, count));
      const { get } = await edge(rule({ key: { query: [], locale: false, device: false } }));
      assert.equal((await get(`${path}?id=a&utm_source=tv`)).body.toString(), `${path}?id=a&utm_source=tv 1`);
    });

    it('keeps the whole query in the key, sorted or as sent, so ?id=a and ?id=b are different pages', async () => {
      const sortedPath = fresh('sorted');
      const sentPath = fresh('as-sent');
      for (const path of [sortedPath, sentPath]) origin.route(path, (req, res, count) => answer({ 'cache-control': 'max-age=60' }, `${req.url} ${count}`)(req, res, count));
      const sorted = await edge(rule({ key: { query: 'sorted', locale: false, device: false } }));
      assert.equal((await sorted.get(`${sortedPath}?id=a&v=1`)).body.toString(), `${sortedPath}?id=a&v=1 1`);
      assert.equal((await sorted.get(`${sortedPath}?id=b&v=1`)).body.toString(), `${sortedPath}?id=b&v=1 2`);
      assert.equal((await sorted.get(`${sortedPath}?v=1&id=a`)).headers['x-cache'], 'HIT', 'order does not split a sorted key');
      const sent = await edge(rule({ key: { query: 'as-sent', locale: false, device: false } }));
      await sent.get(`${sentPath}?id=a&v=1`);
      assert.equal((await sent.get(`${sentPath}?id=a&v=1`)).headers['x-cache'], 'HIT');
      assert.equal((await sent.get(`${sentPath}?v=1&id=a`)).headers['x-cache'], 'MISS', 'as sent: order splits');
      assert.equal(sent.cache.purge({ kind: 'url', urls: [`${sentPath}?v=1&id=a`], soft: false }), 1, 'a URL purge names the query as the key keeps it');
    });
  });
});
