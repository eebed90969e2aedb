import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import zlib from 'node:zlib';
import { answer, cacheCases, PAGE } from '../test/cache-cases.ts';

/** The edge cache's cache status and compression cases, against a real origin as in edge-cache.test.ts (setup: test/cache-cases.ts). */

describe('edge cache (RFC 9111, RFC 5861) against a real origin', () => {
  const { origin, fresh, edge } = cacheCases();

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

    it('answers a miss and its hits with the same headers, Vary included, whether the edge could encode the body or not', async () => {
      const declaredSmall = fresh('declared-small');
      const chunkedSmall = fresh('chunked-small');
      const page = fresh('page');
      origin.route(declaredSmall, answer({ 'cache-control': 'max-age=60', 'content-type': 'text/plain', 'content-length': '5' }, 'small'));
      origin.route(chunkedSmall, answer({ 'cache-control': 'max-age=60', 'content-type': 'text/plain' }, 'small'));
      origin.route(page, answer({ 'cache-control': 'max-age=60', 'content-type': 'text/html' }, PAGE));
      const { get } = await edge();
      const same = ['vary', 'content-type', 'cache-control', 'content-encoding'];
      for (const path of [declaredSmall, chunkedSmall, page]) {
        const miss = await get(path);
        const hit = await get(path);
        assert.equal(hit.headers['x-cache'], 'HIT', path);
        for (const name of same) assert.equal(hit.headers[name], miss.headers[name], `${path} ${name}`);
      }
      assert.equal((await get(declaredSmall)).headers.vary, undefined, 'a body too small to encode does not vary by encoding');
    });
  });
});
