import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { behaviourEdge, echoOf, request } from './behaviour-harness.ts';
import { type EdgeTarget, nodeEdge, varnishEdge } from './edge-targets.ts';

/**
 * The behaviour suite's cases for what the cache stores and answers from the store (issue 17):
 * Set-Cookie and a route's stripSetCookie, Authorization (RFC 9111 §3.5), HEAD from a GET, and
 * ranges, on both edges. stale-if-error with the route's grace is in edge-behaviour.test.ts.
 */

function storageOn(target: EdgeTarget) {
  describe(`cache storage on ${target.name}`, () => {
    const suite = behaviourEdge(target);
    const { get, originCount } = suite;
    const methodsSeen = (url: string) => Object.values(suite.origins).flatMap((origin) => origin.seen.filter((seen) => seen.url === url).map((seen) => seen.method));

    it('stores a page whose Set-Cookie its route strips, and never sends that cookie, on the miss or the hit', async () => {
      const miss = await get('/shared/welcome');
      assert.equal(miss.headers['set-cookie'], undefined);
      const hit = await get('/shared/welcome');
      assert.equal(hit.headers['x-cache'], 'HIT');
      assert.equal(hit.headers['set-cookie'], undefined);
      assert.equal(originCount('/shared/welcome'), 1);
    });

    it('keeps the answer to an Authorization request only when it says public, s-maxage or must-revalidate, without making the key pass for others', async () => {
      const bearer = { authorization: 'Bearer someone' };
      await get('/catalogue/auth-public', bearer);
      assert.equal((await get('/catalogue/auth-public', bearer)).headers['x-cache'], 'HIT', 'public: any shared cache may keep it');
      assert.equal(originCount('/catalogue/auth-public'), 1);

      await get('/catalogue/auth-plain', bearer);
      assert.notEqual((await get('/catalogue/auth-plain', bearer)).headers['x-cache'], 'HIT', 'max-age alone: not kept for an authenticated request');
      assert.equal(originCount('/catalogue/auth-plain'), 2);
      const anonymous = await get('/catalogue/auth-plain');
      assert.equal(anonymous.headers['x-cache'], 'MISS', 'the next visitor fills the cache (no hit-for-pass)');
      assert.equal((await get('/catalogue/auth-plain')).headers['x-cache'], 'HIT');
      assert.equal(originCount('/catalogue/auth-plain'), 3);
    });

    it('answers HEAD from a stored GET, and fills the cache with a GET on a HEAD miss', async () => {
      const cold = await request(suite.edge.base, '/catalogue/head-cold', { method: 'HEAD' });
      assert.equal(cold.status, 200);
      assert.equal(cold.text, '');
      assert.deepEqual(methodsSeen('/catalogue/head-cold'), ['GET'], 'the origin is asked for the body the next GETs need');
      const hit = await get('/catalogue/head-cold');
      assert.equal(hit.headers['x-cache'], 'HIT');
      assert.equal(echoOf(hit).method, 'GET');
      const head = await request(suite.edge.base, '/catalogue/head-cold', { method: 'HEAD' });
      assert.equal(head.headers['x-cache'], 'HIT');
      assert.equal(head.text, '');
      assert.equal(originCount('/catalogue/head-cold'), 1);
    });

    it('routes an extension method a route names, and a successful unsafe one invalidates its target on cached and pass routes alike', async () => {
      const base = suite.edge.base;
      assert.equal(echoOf(await request(base, '/dav/notes', { method: 'PROPPATCH' })).origin, 'console', 'a route may name any method token');
      assert.equal(echoOf(await get('/dav/notes')).origin.replace(/-[ab]$/, ''), 'app', 'GET is not one it names');
      for (const [path, method] of [['/documents/b', 'POST'], ['/documents/a', 'PROPPATCH'], ['/catalogue/head-moved', 'MOVE']] as const) {
        await get(path);
        assert.equal((await get(path)).headers['x-cache'], 'HIT', path);
        assert.equal((await request(base, path, { method: 'PROPFIND' })).status, 200);
        assert.equal((await get(path)).headers['x-cache'], 'HIT', `${path}: PROPFIND is safe`);
        assert.equal((await request(base, path, { method })).status, 200, `${method} ${path}`);
        assert.equal((await get(path)).headers['x-cache'], 'MISS', `${path}: ${method} may have changed it`);
      }
    });

    it('passes a range request to the origin with its Range, and keeps answering whole requests from the store', async () => {
      const whole = await get('/catalogue/ranged');
      assert.equal(whole.headers['x-cache'], 'MISS');
      const ranged = await get('/catalogue/ranged', { range: 'bytes=0-3' });
      assert.equal(ranged.headers['x-cache'], 'PASS');
      assert.equal(echoOf(ranged).headers.range, 'bytes=0-3', 'the origin cuts the part');
      assert.equal((await get('/catalogue/ranged')).headers['x-cache'], 'HIT');
      assert.equal(originCount('/catalogue/ranged'), 2);
    });
  });
}

for (const target of [nodeEdge, varnishEdge]) storageOn(target);
