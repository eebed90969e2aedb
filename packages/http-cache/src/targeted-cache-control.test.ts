import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { answer, cacheCases } from '../test/cache-cases.ts';
import { edgeView } from './targeted-cache-control.ts';

/** RFC 9213: Hatago-Cache-Control, then CDN-Cache-Control, then Cache-Control decide the edge's freshness (setup: test/cache-cases.ts). */

describe('targeted cache control (RFC 9213)', () => {
  const { origin, fresh, edge } = cacheCases();

  it('keeps a response for CDN-Cache-Control’s lifetime while the client gets the origin’s Cache-Control without the targeted field', async () => {
    const path = fresh('cdn-long');
    origin.route(path, answer({ 'cache-control': 'public, max-age=10', 'cdn-cache-control': 'max-age=600' }));
    const { get, clock } = await edge();
    const miss = await get(path);
    assert.equal(miss.headers['cache-control'], 'public, max-age=10');
    assert.equal(miss.headers['cdn-cache-control'], undefined);
    clock.advance(300);
    const hit = await get(path);
    assert.equal(hit.headers['x-cache'], 'HIT', 'fresh for the edge for 600 s');
    assert.equal(hit.headers['cache-control'], 'public, max-age=10', 'browsers keep their short lifetime');
    assert.equal(hit.headers['cdn-cache-control'], undefined);
    assert.equal(origin.count(path), 1);
  });

  it('takes Hatago-Cache-Control before CDN-Cache-Control, and either before Cache-Control', async () => {
    const path = fresh('hatago-first');
    origin.route(path, answer({ 'cache-control': 'max-age=10', 'cdn-cache-control': 'max-age=600', 'hatago-cache-control': 'max-age=100' }));
    const { get, clock } = await edge();
    const miss = await get(path);
    assert.equal(miss.headers['hatago-cache-control'], undefined);
    clock.advance(50);
    assert.equal((await get(path)).headers['x-cache'], 'HIT');
    clock.advance(100);
    assert.equal((await get(path)).headers['x-cache'], 'MISS', 'past Hatago-Cache-Control’s 100 s, whatever CDN-Cache-Control says');
  });

  it('stores what Cache-Control forbids other caches to store, and not what the targeted field forbids', async () => {
    const edgeOnly = fresh('edge-only');
    const notForEdge = fresh('not-for-edge');
    origin.route(edgeOnly, answer({ 'cache-control': 'no-store', 'cdn-cache-control': 'max-age=600' }));
    origin.route(notForEdge, answer({ 'cache-control': 'public, max-age=600', 'hatago-cache-control': 'no-store' }));
    const { get } = await edge();
    await get(edgeOnly);
    const hit = await get(edgeOnly);
    assert.equal(hit.headers['x-cache'], 'HIT');
    assert.equal(hit.headers['cache-control'], 'no-store', 'the client is still told not to store it');
    await get(notForEdge);
    assert.notEqual((await get(notForEdge)).headers['x-cache'], 'HIT');
    assert.equal(origin.count(notForEdge), 2);
  });

  it('ignores an invalid targeted field, and Expires once a valid one is used', async () => {
    const invalid = fresh('invalid-targeted');
    const expiresIgnored = fresh('expires-ignored');
    origin.route(invalid, answer({ 'cache-control': 'max-age=10', 'cdn-cache-control': 'Max-Age=600' }));
    origin.route(expiresIgnored, answer({ expires: new Date(Date.now() + 3_600_000).toUTCString(), 'cdn-cache-control': 'public' }));
    const { get, clock } = await edge();
    await get(invalid);
    clock.advance(300);
    assert.equal((await get(invalid)).headers['x-cache'], 'MISS', 'upper-case keys are no Structured Field: Cache-Control decides');
    await get(expiresIgnored);
    assert.notEqual((await get(expiresIgnored)).headers['x-cache'], 'HIT', 'the targeted field gives no lifetime, and Expires is not read');
    assert.equal(origin.count(expiresIgnored), 2);
  });

  it('reads the targeted field of a 304 merged into the stored response', async () => {
    const path = fresh('targeted-304');
    origin.route(path, (req, res, count) => {
      if (req.headers['if-none-match'] === '"t"') return res.writeHead(304, { etag: '"t"', 'cdn-cache-control': 'max-age=600' }).end();
      answer({ etag: '"t"', 'cache-control': 'max-age=5', 'cdn-cache-control': 'max-age=10' })(req, res, count);
    });
    const { get, clock } = await edge();
    await get(path);
    clock.advance(11);
    const refreshed = await get(path);
    assert.equal(refreshed.headers['cache-status'], 'Hatago; fwd=stale; fwd-status=304; stored');
    assert.equal(refreshed.headers['cdn-cache-control'], undefined);
    assert.equal(refreshed.headers['cache-control'], 'max-age=5');
    clock.advance(300);
    assert.equal((await get(path)).headers['x-cache'], 'HIT', 'fresh for the 304’s CDN-Cache-Control');
  });

  it('strips the targeted fields on a pass route too', async () => {
    const path = fresh('pass-targeted');
    origin.route(path, answer({ 'cache-control': 'max-age=10', 'cdn-cache-control': 'max-age=600', 'hatago-cache-control': 'max-age=60' }));
    const { get } = await edge('pass');
    const res = await get(path);
    assert.equal(res.headers['cdn-cache-control'], undefined);
    assert.equal(res.headers['hatago-cache-control'], undefined);
    assert.equal(res.headers['cache-control'], 'max-age=10');
  });

  it('reads Structured Field booleans and strings as Cache-Control directives', () => {
    assert.deepEqual(edgeView({ 'cdn-cache-control': 'max-age=60, must-revalidate=?1, no-store=?0, no-cache="set-cookie, x-a"', expires: '0' }), {
      'cdn-cache-control': 'max-age=60, must-revalidate=?1, no-store=?0, no-cache="set-cookie, x-a"',
      'cache-control': 'max-age=60, must-revalidate, no-cache="set-cookie, x-a"',
    });
    const plain = { 'cache-control': 'max-age=1' };
    assert.equal(edgeView(plain), plain, 'no targeted field: the same headers');
    assert.equal(edgeView({ ...plain, 'cdn-cache-control': 'max-age=(1 2)' })['cache-control'], 'max-age=1', 'an inner list is no cache directive');
  });
});
