import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { EdgeCacheHandler, EdgeExchange } from '@hatago/http-cache';
import { serveStage, stageContext, type StageServer } from '../../test/harness/stage-server.ts';
import { stageRules } from '../../test/harness/stage-rules.ts';
import { closeAll, deadUrl, echoOf, echoOrigin, listen } from '../../test/harness/test-origins.ts';
import { routeFor } from '../routing/compiled-rules.ts';
import { proceed } from './cache-or-pass.ts';

describe('origin answer stage', () => {
  const origin = echoOrigin('app');
  const invalidated: string[] = [];
  // only the pass route's relay is under test here: the cache just records invalidations
  const cache: EdgeCacheHandler = {
    handle: () => Promise.reject(new Error('not under test')),
    invalidate: (exchange: EdgeExchange) => void invalidated.push(exchange.path),
  };
  let up: StageServer;
  let down: StageServer;
  before(async () => {
    const run = (edge: ReturnType<typeof stageContext>) => (arrival: Parameters<typeof proceed>[1]) => {
      const route = routeFor(arrival.rules, arrival.view)!;
      proceed(edge, arrival, route);
      return new Promise((resolve) => arrival.res.once('close', resolve));
    };
    const live = stageContext(stageRules, { cache }, { app: [await listen(origin.server)] });
    up = await serveStage(live, run(live));
    const dead = stageContext(stageRules, { cache }, { app: [await deadUrl()] });
    down = await serveStage(dead, run(dead));
  });
  after(async () => {
    await up.close();
    await down.close();
    await closeAll(origin.server);
  });

  it("relays a pass route's answer marked PASS, without hop-by-hop headers", async () => {
    const res = await fetch(`${up.url}/login?next=/`, { headers: { 'x-request-id': 'pass-1' } });
    assert.equal(res.status, 200);
    assert.deepEqual([res.headers.get('x-cache'), res.headers.get('cache-status'), res.headers.get('x-request-id')], ['PASS', 'Hatago; fwd=bypass', 'pass-1']);
    assert.equal(res.headers.get('x-origin-private'), null);
    assert.equal((await echoOf(res)).url, '/login?next=/');
  });

  it('tells the cache about a successful unsafe request so it can invalidate the target', async () => {
    const res = await fetch(`${up.url}/login`, { method: 'POST', body: 'a=1' });
    assert.equal(res.headers.get('cache-status'), 'Hatago; fwd=method');
    assert.equal((await echoOf(res)).body, 'a=1');
    assert.deepEqual(invalidated, ['/login']);
  });

  it('answers 503 with the edge page when no instance can be reached', async () => {
    const res = await fetch(`${down.url}/login`, { headers: { 'x-request-id': 'down-1' } });
    assert.equal(res.status, 503);
    const page = await res.text();
    assert.match(page, /The service is briefly unavailable/);
    assert.match(page, /down-1/);
  });
});
