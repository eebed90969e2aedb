import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { serveStage, stageContext, type StageServer } from '../../test/harness/stage-server.ts';
import { stageRules } from '../../test/harness/stage-rules.ts';
import { routeFor } from '../routing/compiled-rules.ts';
import type { Arrival } from './edge-context.ts';
import { answeredByRedirect, answerSynthetic } from './own-answers.ts';

describe("the edge's own answers", () => {
  let stage: StageServer;
  const seen: Arrival[] = [];
  before(async () => {
    stage = await serveStage(stageContext(stageRules), (arrival) => {
      seen.push(arrival);
      if (answeredByRedirect(arrival)) return;
      const synthetic = routeFor(arrival.rules, arrival.view)?.synthetic;
      if (synthetic) answerSynthetic(arrival, synthetic);
    });
  });
  after(() => stage.close());

  it('redirects with the rule status, its groups filled in and the query kept, and records the redirect as the route', async () => {
    const res = await fetch(`${stage.url}/hotel/42?checkin=2026-12-01`, { redirect: 'manual', headers: { 'x-request-id': 'redirect-1' } });
    assert.equal(res.status, 301);
    assert.equal(res.headers.get('location'), '/hotels/42?checkin=2026-12-01');
    assert.equal(res.headers.get('x-request-id'), 'redirect-1');
    assert.deepEqual([seen.at(-1)!.route, seen.at(-1)!.cache], ['old-hotel', 'SYNTH']);
  });

  it('answers a synthetic route with its status, type and body, carrying the request id', async () => {
    const res = await fetch(`${stage.url}/robots.txt`, { headers: { 'x-request-id': 'robots-1' } });
    assert.equal(res.status, 200);
    assert.equal(res.headers.get('content-type'), 'text/plain');
    assert.equal(res.headers.get('cache-control'), 'no-store');
    assert.equal(res.headers.get('x-request-id'), 'robots-1');
    assert.equal(await res.text(), 'User-agent: *\n');
    assert.equal(seen.at(-1)!.cache, 'SYNTH');
  });

  it('leaves everything else to the next stage', async () => {
    assert.equal((await fetch(`${stage.url}/hotels/42`)).status, 299);
  });
});
