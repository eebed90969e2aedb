import assert from 'node:assert/strict';
import http from 'node:http';
import { describe, it } from 'node:test';
import hatagoRules from '../../../config/edge.ts';
import { EdgeCache } from '@hatago/http-cache';
import { closeAll, lineCollector, listen, startEdge, until } from '../test/harness/test-origins.ts';

describe('access log of a cached route', () => {
  it('gives a miss the origin’s time to the response head, and a hit none', async () => {
    const origin = http.createServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html', 'cache-control': 'max-age=60' });
      res.end('<p>hotel</p>');
    });
    const log = lineCollector();
    const edge = await startEdge({ rules: hatagoRules, instances: { guest: [await listen(origin)] }, accessLog: log.stream, probes: false, cache: new EdgeCache() });
    try {
      for (const id of ['timing-miss', 'timing-hit']) {
        const res = await fetch(`${edge.url}/hotels/7`, { headers: { 'x-request-id': id } });
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
    } finally {
      await edge.close();
      await closeAll(origin);
    }
  });
});
