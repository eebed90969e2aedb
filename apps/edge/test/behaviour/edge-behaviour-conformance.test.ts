import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { behaviourEdge, echoOf, request, TOKEN } from './behaviour-harness.ts';
import { type EdgeTarget, nodeEdge, varnishEdge } from './edge-targets.ts';

/**
 * The behaviour suite's cases for the cache's reading of keys and response headers (issue 17):
 * whole-query keys and what the origin is asked, repeated and odd header lines, Expires,
 * Age, and one Vary for a miss and its hits, on both edges.
 */

function conformanceOn(target: EdgeTarget) {
  describe(`cache conformance on ${target.name}`, () => {
    const suite = behaviourEdge(target);
    const { get, originCount } = suite;

    it('keys by the whole query, sorted or as sent, and asks the origin for the query as sent unless the route forwards its key', async () => {
      const a = await get('/listing/rooms?id=a&v=1');
      assert.equal(echoOf(a).url, '/listing/rooms?id=a&v=1');
      const b = await get('/listing/rooms?id=b&v=1');
      assert.equal(b.headers['x-cache'], 'MISS', '?id=a and ?id=b are different pages');
      assert.equal(echoOf(b).url, '/listing/rooms?id=b&v=1');
      const reordered = await get('/listing/rooms?v=1&&id=a');
      assert.equal(reordered.headers['x-cache'], 'HIT', 'a sorted key ignores the order and empty pairs');
      assert.equal(reordered.text, a.text);
      await get('/listing/rooms?id=b&id=a');
      assert.equal((await get('/listing/rooms?id=a&id=b')).headers['x-cache'], 'HIT', 'repeated names sort by their values too');

      await get('/feed/news?b=2&a=1');
      assert.equal((await get('/feed/news?b=2&a=1')).headers['x-cache'], 'HIT');
      assert.equal((await get('/feed/news?a=1&b=2')).headers['x-cache'], 'MISS', 'as sent, the order splits');

      const catalogue = await get('/catalogue/page-by-id?id=7');
      assert.equal(echoOf(catalogue).url, '/catalogue/page-by-id?id=7', 'a key without the query still asks the origin for it');
      assert.equal((await get('/catalogue/page-by-id?id=8')).headers['x-cache'], 'HIT', 'the key leaves the query out, as the route says');
    });

    it('reads a Cache-Control or Vary sent on several lines as one list, never answering 502 for it', async () => {
      const first = await get('/catalogue/repeated', { 'x-device': 'a' });
      assert.equal(first.status, 200);
      assert.equal(first.headers['x-cache'], 'MISS');
      assert.equal((await get('/catalogue/repeated', { 'x-device': 'a' })).headers['x-cache'], 'HIT', 'max-age on the second line counts');
      assert.equal((await get('/catalogue/repeated', { 'x-device': 'b' })).headers['x-cache'], 'MISS', 'a name on the second Vary line counts');
      assert.equal(originCount('/catalogue/repeated'), 2);
    });

    it('takes an Expires that is no HTTP-date as already expired', async () => {
      await get('/catalogue/expires-http');
      assert.equal((await get('/catalogue/expires-http')).headers['x-cache'], 'HIT');
      for (const form of ['iso', 'number', 'word']) {
        const path = `/catalogue/expires-${form}`;
        await get(path);
        assert.notEqual((await get(path)).headers['x-cache'], 'HIT', `${form}: ${(await get(path)).headers.expires}`);
      }
    });

    it('keeps the origin\'s Age on a miss, and counts on from it on a hit', async () => {
      const miss = await get('/catalogue/aged');
      assert.equal(miss.headers['x-cache'], 'MISS');
      assert.equal(miss.headers.age, '30');
      const hit = await get('/catalogue/aged');
      assert.equal(hit.headers['x-cache'], 'HIT');
      assert.ok(Number(hit.headers.age) >= 30, String(hit.headers.age));
    });

    it('reads Cache-Control directive names whatever their case', async () => {
      await get('/catalogue/shouting');
      assert.equal((await get('/catalogue/shouting')).headers['x-cache'], 'HIT', 'MAX-AGE is max-age');
      await get('/catalogue/shouting-no-store');
      assert.notEqual((await get('/catalogue/shouting-no-store')).headers['x-cache'], 'HIT', 'NO-STORE is no-store');
      assert.equal(originCount('/catalogue/shouting-no-store'), 2);
    });

    it('keeps a response for its Hatago-Cache-Control, else CDN-Cache-Control, lifetime; the client sees neither, and Cache-Control as sent', async () => {
      const paths = ['/catalogue/targeted-cdn', '/catalogue/targeted-own', '/catalogue/targeted-refused', '/catalogue/targeted-invalid', '/catalogue/targeted-lines'];
      for (const path of paths) await get(path);
      for (const path of paths) {
        const answer = await get(path);
        assert.equal(answer.headers['cache-control'], 'public, max-age=0', path);
        assert.equal(answer.headers['cdn-cache-control'], undefined, path);
        assert.equal(answer.headers['hatago-cache-control'], undefined, path);
      }
      assert.equal(originCount('/catalogue/targeted-cdn'), 1);
      assert.equal(originCount('/catalogue/targeted-own'), 1, 'Hatago-Cache-Control before a CDN-Cache-Control that says no-store');
      assert.equal(originCount('/catalogue/targeted-refused'), 2, 'Hatago-Cache-Control: no-store refuses what CDN-Cache-Control allows');
      assert.equal(originCount('/catalogue/targeted-invalid'), 2, 'an invalid targeted field leaves Cache-Control to decide');
      assert.equal(originCount('/catalogue/targeted-lines'), 1, 'a targeted field on two lines is one dictionary');
    });

    it('keeps a page purged by key (browsers told to revalidate) until its purge, and the client sees only Cache-Control', async () => {
      await get('/catalogue/purged-by-key');
      const hit = await get('/catalogue/purged-by-key');
      assert.equal(hit.headers['x-cache'], 'HIT', 'must-revalidate for browsers is no refusal for the edge');
      assert.equal(hit.headers['cache-control'], 'public, max-age=0, must-revalidate');
      assert.equal(hit.headers['hatago-cache-control'], undefined);
      assert.equal(hit.headers['surrogate-key'], undefined);
      assert.equal(originCount('/catalogue/purged-by-key'), 1);
      const purged = await request(suite.edge.admin, '/purge/key/banners', { method: 'POST', headers: { authorization: `Bearer ${TOKEN}` } });
      assert.equal(purged.status, 200);
      assert.equal((await get('/catalogue/purged-by-key')).headers['x-cache'], 'MISS', 'a purge of any of its keys takes it');
      assert.equal(originCount('/catalogue/purged-by-key'), 2);
    });

    it('answers a 304 to a request the edge sent without validators as an origin error, storing nothing and asking once', async () => {
      // varnishd fails such a fetch before VCL sees it, and vcl_backend_error cannot tell it from a refused
      // connection: 503, after its one retry (packages/vcl/README.md)
      const onVarnish = target === varnishEdge;
      for (const attempt of [1, 2]) {
        const answer = await get('/catalogue/unasked-304', { 'if-none-match': '"u"' });
        assert.equal(answer.status, onVarnish ? 503 : 502, `attempt ${attempt}`);
        assert.equal(originCount('/catalogue/unasked-304'), attempt * (onVarnish ? 2 : 1));
      }
    });

    it('answers a miss and its hit with the same Vary, also for a body too small to compress', async () => {
      for (const path of ['/catalogue/small', '/hotels/31']) {
        const miss = await get(path, { 'accept-encoding': 'gzip' });
        const hit = await get(path, { 'accept-encoding': 'gzip' });
        assert.equal(miss.headers['x-cache'], 'MISS', path);
        assert.equal(hit.headers['x-cache'], 'HIT', path);
        assert.equal(String(hit.headers.vary).toLowerCase(), String(miss.headers.vary).toLowerCase(), path);
      }
      assert.equal((await get('/catalogue/small')).headers.vary, undefined, 'nothing to negotiate');
    });
  });
}

for (const target of [nodeEdge, varnishEdge]) conformanceOn(target);
