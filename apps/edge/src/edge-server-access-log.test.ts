import assert from 'node:assert/strict';
import http from 'node:http';
import { describe, it } from 'node:test';
import hatagoRules from '../../../config/edge.ts';
import { EdgeCache } from '@hatago/http-cache';
import { closeAll, lineCollector, listen, startEdge, until } from '../test/harness/test-origins.ts';

describe('access log of a cached route', () => {
  it('gives a miss the origin’s time to the response head, and a hit none; each names its trace', async () => {
    let originTrace: string | undefined;
    const origin = http.createServer((req, res) => {
      originTrace = String(req.headers.traceparent).split('-')[1];
      res.writeHead(200, { 'content-type': 'text/html', 'cache-control': 'max-age=60' });
      res.end('<p>hotel</p>');
    });
    const log = lineCollector();
    const edge = await startEdge({ rules: hatagoRules, instances: { guest: [await listen(origin)] }, accessLog: log.stream, probes: false, cache: new EdgeCache() });
    try {
      const clientTrace = '4bf92f3577b34da6a3ce929d0e0e4736';
      for (const id of ['timing-miss', 'timing-hit']) {
        // the miss comes without a traceparent (the edge starts a trace for the origin), the hit with one
        const traced: Record<string, string> = id === 'timing-hit' ? { traceparent: `00-${clientTrace}-00f067aa0ba902b7-01` } : {};
        const res = await fetch(`${edge.url}/hotels/7`, { headers: { 'x-request-id': id, ...traced } });
        assert.equal(await res.text(), '<p>hotel</p>');
      }
      await until(() => log.lines.some((line) => line.reqId === 'timing-hit'), 'both access lines');
      const miss = log.lines.find((line) => line.reqId === 'timing-miss')!;
      const hit = log.lines.find((line) => line.reqId === 'timing-hit')!;
      assert.equal(miss.cache, 'MISS');
      assert.equal(typeof miss.originMs, 'number');
      assert.ok(Number(miss.originMs) <= Number(miss.durationMs), 'within the request’s own time');
      assert.equal(hit.cache, 'HIT');
      assert.equal('originMs' in hit, false);
      assert.match(String(miss.traceId), /^[0-9a-f]{32}$/);
      assert.equal(miss.traceId, originTrace, 'the trace the origin was told of');
      assert.equal(hit.traceId, clientTrace);
    } finally {
      await edge.close();
      await closeAll(origin);
    }
  });
});
