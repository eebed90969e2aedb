import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { IMAGE_FORMAT_ACCEPT } from '@hatago/platform/http';
import { behaviourEdge, echoOf, request } from './behaviour-harness.ts';
import { type EdgeTarget, nodeEdge, varnishEdge } from './edge-targets.ts';

/**
 * The behaviour suite's cases for image routes (issue 18): Accept reduced to the image
 * format class on the way in, so the cache keeps one entry per format and width, and an upload
 * route's own body limit, on both edges.
 */

// what browsers and tools send for an <img>, by the class each belongs to
const ACCEPTS = {
  avif: ['image/avif,image/webp,image/apng,image/svg+xml,image/*,*/*;q=0.8', 'image/avif,image/webp,*/*', 'IMAGE/AVIF;q=0.5, image/png'],
  webp: ['image/webp,*/*', 'image/avif;q=0,image/webp;q=0.9,image/*', 'image/webp'],
  other: ['image/png,image/svg+xml,image/*;q=0.8,video/*;q=0.8,*/*;q=0.5', '*/*', 'image/avif;q=0.0, image/webp;q=0'],
} as const;

function imagesOn(target: EdgeTarget) {
  describe(`image routes on ${target.name}`, () => {
    const suite = behaviourEdge(target);
    const { get, originCount } = suite;

    it('asks the origin with one Accept per format class and keeps one entry per class and width', async () => {
      const path = '/images/hotel-1/photo.jpg?w=320';
      for (const [format, accepts] of Object.entries(ACCEPTS)) {
        const [first, ...others] = accepts;
        const miss = await get(path, { accept: first });
        assert.equal(miss.headers['x-cache'], 'MISS', `${format}: ${first}`);
        assert.equal(echoOf(miss).headers.accept, IMAGE_FORMAT_ACCEPT[format as keyof typeof ACCEPTS], 'the origin sees the class, not the browser');
        for (const accept of others) {
          const hit = await get(path, { accept });
          assert.equal(hit.headers['x-cache'], 'HIT', `${format}: ${accept}`);
          assert.equal(hit.text, miss.text, `${format}: ${accept}`);
        }
      }
      assert.equal((await get(path)).headers['x-cache'], 'HIT', 'no Accept at all is the JPEG/PNG class');
      assert.equal(originCount(path), 3, 'one fill per format class');

      const wider = await get('/images/hotel-1/photo.jpg?w=640&utm_source=x', { accept: ACCEPTS.webp[0] });
      assert.equal(wider.headers['x-cache'], 'MISS', 'another width is another entry');
      assert.equal(echoOf(wider).url, '/images/hotel-1/photo.jpg?w=640', 'the origin is asked for the key URL only');
    });

    it('lets an upload route take a larger body than the rules allow elsewhere, and no larger', async () => {
      const photo = Buffer.alloc(100_000, 'p');
      const accepted = await request(suite.edge.base, '/uploads/photo', { method: 'POST', body: photo });
      assert.equal(accepted.status, 200);
      assert.equal(echoOf(accepted).headers['content-length'], '100000');
      assert.equal((await request(suite.edge.base, '/write/photo', { method: 'POST', body: photo })).status, 413, 'the rules limit elsewhere');
      assert.equal((await request(suite.edge.base, '/uploads/huge', { method: 'POST', body: Buffer.alloc(131_073, 'p') })).status, 413);
      assert.equal(originCount('/uploads/huge') + originCount('/write/photo'), 0);
    });

    it('leaves Accept alone on routes without image formats', async () => {
      const answer = await get('/catalogue/accept', { accept: 'image/avif,image/webp,*/*' });
      assert.equal(echoOf(answer).headers.accept, 'image/avif,image/webp,*/*');
    });
  });
}

for (const target of [nodeEdge, varnishEdge]) imagesOn(target);
