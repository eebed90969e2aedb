import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { answer, cacheCases, latch, rule } from '../test/cache-cases.ts';
import { request } from '../test/http-client.ts';

/** The edge cache's memory cases, against a real origin as in edge-cache.test.ts (setup: test/cache-cases.ts). */

describe('edge cache (RFC 9111, RFC 5861) against a real origin', () => {
  const { origin, fresh, edge } = cacheCases();

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
});
