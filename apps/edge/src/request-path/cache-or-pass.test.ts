import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { EdgeCacheHandler } from '@hatago/http-cache';
import { serveStage, stageContext, type StageServer } from '../../test/harness/stage-server.ts';
import { stageRules } from '../../test/harness/stage-rules.ts';
import { routeFor } from '../routing/compiled-rules.ts';
import { proceed } from './cache-or-pass.ts';
import type { Arrival } from './edge-context.ts';

describe('cache or pass stage', () => {
  const calls: string[] = [];
  const seen: Arrival[] = [];
  // a cache that holds /hotels/1 only, and answers everything else it is handed with 203
  const cache: EdgeCacheHandler = {
    answerFresh({ res, path, requestId }) {
      calls.push(`fresh ${path}`);
      if (path !== '/hotels/1') return false;
      res.writeHead(200, { 'x-cache': 'HIT', 'x-request-id': requestId });
      res.end('from the store');
      return true;
    },
    async handle(exchange) {
      calls.push(`handle ${exchange.originRequest.method} ${exchange.path} ${exchange.backend}`);
      exchange.res.writeHead(203, { 'x-forwarded-for': String(exchange.originRequest.headers['x-forwarded-for']) });
      exchange.res.end();
    },
  };
  let stage: StageServer;
  before(async () => {
    const edge = stageContext(stageRules, { cache });
    stage = await serveStage(edge, (arrival) => {
      seen.push(arrival);
      const route = routeFor(arrival.rules, arrival.view)!;
      arrival.route = route.name;
      proceed(edge, arrival, route);
      return new Promise((resolve) => arrival.res.once('finish', resolve));
    });
  });
  after(() => stage.close());

  it('answers a fresh hit before building anything for the origin', async () => {
    const res = await fetch(`${stage.url}/hotels/1`);
    assert.equal(await res.text(), 'from the store');
    assert.deepEqual(calls.splice(0), ['fresh /hotels/1']);
    assert.deepEqual([seen.at(-1)!.backend, seen.at(-1)!.cache, seen.at(-1)!.exchange], ['app', 'HIT', undefined]);
  });

  it('hands a miss to the cache as an exchange with its forwarding headers', async () => {
    const res = await fetch(`${stage.url}/hotels/2`);
    assert.equal(res.status, 203);
    assert.equal(res.headers.get('x-forwarded-for'), '127.0.0.1');
    assert.deepEqual(calls.splice(0), ['fresh /hotels/2', 'handle GET /hotels/2 app']);
    assert.equal(seen.at(-1)!.exchange?.route, 'hotels');
  });

  it('sends a request with a body past the hit path, read whole first, and refuses one declared too large with 413', async () => {
    assert.equal((await fetch(`${stage.url}/hotels/3`, { method: 'POST', body: 'x'.repeat(10) })).status, 203);
    assert.deepEqual(calls.splice(0), ['handle POST /hotels/3 app']);
    assert.deepEqual(seen.at(-1)!.exchange?.originRequest.body, Buffer.from("x".repeat(10)));
    const tooLarge = await fetch(`${stage.url}/hotels/3`, { method: 'POST', body: 'x'.repeat(101) });
    assert.equal(tooLarge.status, 413);
    assert.deepEqual(calls.splice(0), []);
  });

  it('answers a synthetic route itself', async () => {
    assert.equal(await (await fetch(`${stage.url}/robots.txt`)).text(), 'User-agent: *\n');
    assert.deepEqual(calls.splice(0), []);
  });
});
