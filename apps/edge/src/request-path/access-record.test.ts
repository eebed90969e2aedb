import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { AccessLog } from '../admin/access-log.ts';
import { serveStage, stageContext, type StageServer } from '../../test/harness/stage-server.ts';
import { stageRules } from '../../test/harness/stage-rules.ts';
import { lineCollector, until } from '../../test/harness/test-origins.ts';
import type { EdgeContext } from './edge-context.ts';

describe('access record', () => {
  const log = lineCollector();
  const accessLog = new AccessLog(log.stream, { flushMs: 5 });
  let edge: EdgeContext;
  let stage: StageServer;
  before(async () => {
    edge = stageContext(stageRules, { accessLog });
    stage = await serveStage(edge, (arrival) => {
      arrival.route = 'hotels';
      arrival.backend = 'app';
      arrival.cache = 'SYNTH';
    });
  });
  after(async () => {
    await stage.close();
    accessLog.close();
  });

  it('counts the request and writes one access line once its response has closed', async () => {
    await (await fetch(`${stage.url}/hotels/7?x=1`, { headers: { 'x-request-id': 'line-1' } })).text();
    await until(() => log.lines.length === 1, 'the access line');
    const [line] = log.lines;
    assert.deepEqual(
      { reqId: line!.reqId, method: line!.method, path: line!.path, route: line!.route, backend: line!.backend, cache: line!.cache, status: line!.status, client: line!.client },
      { reqId: 'line-1', method: 'GET', path: '/hotels/7', route: 'hotels', backend: 'app', cache: 'SYNTH', status: 299, client: '127.0.0.1' },
    );
    assert.match(await edge.metrics.registry.metrics(), /edge_requests_total\{route="hotels",status="299",cache="SYNTH"\} 1/);
  });
});
