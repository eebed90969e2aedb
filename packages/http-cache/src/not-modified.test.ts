import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { answer, cacheCases } from '../test/cache-cases.ts';

/** RFC 9111 §4.3.4: what the edge does with a 304 it cannot use, and one it relays (setup: test/cache-cases.ts). */

describe('edge cache: 304 Not Modified it did not ask for or cannot match', () => {
  const { origin, fresh, edge } = cacheCases();

  it('answers 502 to a 304 for a request without validators, stores nothing and asks the origin once per request', async () => {
    const path = fresh('unasked-304');
    origin.route(path, (_req, res) => res.writeHead(304, { etag: '"x"', 'cache-control': 'max-age=60' }).end());
    const { get } = await edge();
    for (const attempt of [1, 2]) {
      const res = await get(path);
      assert.equal(res.status, 502, `attempt ${attempt}`);
      assert.equal(res.headers['x-cache'], 'MISS');
      assert.equal(origin.count(path), attempt, 'the same request is never sent twice');
    }
    assert.equal(origin.received(path)[0]!['if-none-match'], undefined);
  });

  it('a client’s own validators do not reach the origin on a cached route, so its 304 is no answer for the client either', async () => {
    const path = fresh('client-conditional-304');
    origin.route(path, (_req, res) => res.writeHead(304, { etag: '"c"' }).end());
    const { get } = await edge();
    const res = await get(path, { 'if-none-match': '"c"' });
    assert.equal(res.status, 502);
    assert.equal(origin.count(path), 1);
  });

  it('asks once more, unconditionally, after a 304 that names another representation, and stores what that gives', async () => {
    const path = fresh('mismatched-304');
    origin.route(path, (req, res, count) => {
      // the origin has moved on to "v2" but answers the old validator with a 304 naming v2
      if (req.headers['if-none-match'] !== undefined) return res.writeHead(304, { etag: '"v2"', 'cache-control': 'max-age=60' }).end();
      answer({ etag: count === 1 ? '"v1"' : '"v2"', 'cache-control': 'max-age=10' }, `version ${count}`)(req, res, count);
    });
    const { get, clock } = await edge();
    await get(path);
    clock.advance(11);
    const res = await get(path);
    assert.equal(res.status, 200);
    assert.equal(res.body.toString(), 'version 3');
    assert.equal(res.headers.etag, '"v2"');
    const sent = origin.received(path);
    assert.equal(sent.length, 3);
    assert.equal(sent[1]!['if-none-match'], '"v1"');
    assert.equal(sent[2]!['if-none-match'], undefined, 'the retry carries no validators');
    assert.equal((await get(path)).headers['x-cache'], 'HIT');
  });

  it('answers 502 when the unconditional retry answers 304 too: two requests, never a loop, the stale entry not served as fresh', async () => {
    const path = fresh('always-304');
    origin.route(path, (req, res, count) =>
      count === 1 ? answer({ etag: '"v1"', 'cache-control': 'max-age=10' }, 'first')(req, res, count) : res.writeHead(304, { etag: '"v9"' }).end(),
    );
    const { get, clock } = await edge();
    await get(path);
    clock.advance(11);
    const res = await get(path);
    assert.equal(res.status, 502);
    assert.equal(origin.count(path), 3);
  });

  it('within stale-if-error, a 304 it cannot use is an origin error: the stale copy is served', async () => {
    const path = fresh('unusable-304-stale');
    origin.route(path, (req, res, count) =>
      count === 1
        ? answer({ etag: '"v1"', 'cache-control': 'max-age=10, stale-while-revalidate=0, stale-if-error=60' }, 'kept')(req, res, count)
        : res.writeHead(304, { etag: '"v9"' }).end(),
    );
    const { get, clock } = await edge();
    await get(path);
    clock.advance(20);
    const res = await get(path);
    assert.equal(res.status, 200);
    assert.equal(res.body.toString(), 'kept');
    assert.equal(res.headers['cache-status'], 'Hatago; fwd=stale; fwd-status=304; detail=stale-if-error');
    assert.equal(origin.count(path), 3);
  });

  it('relays the 304 of a client’s own conditional request on a pass route', async () => {
    const path = fresh('pass-304');
    origin.route(path, (req, res, count) =>
      req.headers['if-none-match'] === '"p"' ? res.writeHead(304, { etag: '"p"' }).end() : answer({ etag: '"p"' })(req, res, count),
    );
    const { get } = await edge('pass');
    const res = await get(path, { 'if-none-match': '"p"' });
    assert.equal(res.status, 304);
    assert.equal(res.headers.etag, '"p"');
    assert.equal(origin.received(path)[0]!['if-none-match'], '"p"');
    assert.equal(origin.count(path), 1);
  });
});
