import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { answer, cacheCases, latch } from '../test/cache-cases.ts';

/** The edge cache's request collapsing cases, against a real origin as in edge-cache.test.ts (setup: test/cache-cases.ts). */

describe('edge cache (RFC 9111, RFC 5861) against a real origin', () => {
  const { origin, fresh, edge } = cacheCases();

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
});
