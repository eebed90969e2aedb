import assert from 'node:assert/strict';
import { once } from 'node:events';
import net from 'node:net';
import { after, before, describe, it } from 'node:test';
import { AccessLog } from '../admin/access-log.ts';
import { serveStage, stageContext, type StageServer } from '../../test/harness/stage-server.ts';
import { stageRules } from '../../test/harness/stage-rules.ts';
import { lineCollector, rawRequest, until } from '../../test/harness/test-origins.ts';
import type { EdgeContext } from './edge-context.ts';

describe('access record', () => {
  const log = lineCollector();
  const accessLog = new AccessLog(log.stream, { flushMs: 5 });
  let edge: EdgeContext;
  let stage: StageServer;
  before(async () => {
    edge = stageContext(stageRules, { accessLog });
    stage = await serveStage(edge, (arrival, url) => {
      arrival.route = 'hotels';
      arrival.backend = 'app';
      arrival.cache = 'SYNTH';
      const size = new URL(url, 'http://edge').searchParams.get('size');
      if (size !== null) arrival.res.end('x'.repeat(Number(size)));
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

  it('gives each response on a kept-alive connection its own bytes', async () => {
    const before = log.lines.length;
    const { hostname, port } = new URL(stage.url);
    const socket = net.connect(Number(port), hostname);
    let received = '';
    socket.on('data', (chunk) => (received += chunk.toString('latin1')));
    socket.write('GET /hotels/1?size=10 HTTP/1.1\r\nHost: a\r\n\r\n');
    await until(() => received.endsWith('x'.repeat(10)), 'the first response');
    const firstLength = received.length;
    socket.write('GET /hotels/2?size=5000 HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n');
    await once(socket, 'end');
    await until(() => log.lines.length === before + 2, 'both access lines');
    const [first, second] = log.lines.slice(before);
    assert.deepEqual([first!.bytes, second!.bytes], [firstLength, received.length - firstLength]);
  });

  it('never counts a byte twice when requests are pipelined', async () => {
    const before = log.lines.length;
    const raw = await rawRequest(stage.url, 'GET /hotels/1?size=10 HTTP/1.1\r\nHost: a\r\n\r\nGET /hotels/2?size=5000 HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n');
    await until(() => log.lines.length === before + 2, 'both access lines');
    const [first, second] = log.lines.slice(before);
    assert.equal(Number(first!.bytes) + Number(second!.bytes), raw.length);
  });
});
