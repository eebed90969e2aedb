import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { serveStage, stageContext, type StageServer } from '../../test/harness/stage-server.ts';
import { stageRules } from '../../test/harness/stage-rules.ts';
import { routeFor } from '../routing/compiled-rules.ts';
import type { EdgeContext } from './edge-context.ts';
import { checkRateLimits } from './rate-limit-check.ts';

/** Runs the stage on routed requests; what it lets through goes on to proceed, where /login passes to a backend with no instance: 503. */
async function limited(edge: EdgeContext): Promise<StageServer> {
  return serveStage(edge, (arrival) => {
    const route = routeFor(arrival.rules, arrival.view)!;
    arrival.route = route.name;
    checkRateLimits(edge, arrival, route);
    return new Promise((resolve) => arrival.res.once('finish', resolve));
  });
}

describe('rate limit stage', () => {
  const stages: StageServer[] = [];
  after(async () => {
    for (const stage of stages) await stage.close();
  });

  it('lets a client through up to its limit, then answers 429 with Retry-After; requests the limit does not match are not counted', async () => {
    const stage = await limited(stageContext(stageRules));
    stages.push(stage);
    const post = () => fetch(`${stage.url}/login`, { method: 'POST', body: '' });
    assert.equal((await post()).status, 503);
    assert.equal((await post()).status, 503);
    assert.equal((await fetch(`${stage.url}/login`)).status, 503, 'a GET is not what the limit counts');
    const refused = await post();
    assert.equal(refused.status, 429);
    assert.equal(refused.headers.get('retry-after'), '30');
  });

  it('lets the request through when the counter fails, rather than locking clients out', async () => {
    const failing = { take: () => Promise.reject(new Error('primary gone')), close: () => undefined };
    const stage = await limited(stageContext(stageRules, { rateLimits: failing }));
    stages.push(stage);
    assert.equal((await fetch(`${stage.url}/login`, { method: 'POST', body: '' })).status, 503);
  });
});
