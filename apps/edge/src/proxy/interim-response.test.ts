import assert from 'node:assert/strict';
import http from 'node:http';
import { after, before, describe, it } from 'node:test';
import { EdgeCache } from '@hatago/http-cache';
import { requestWithInterim } from '../../test/behaviour/behaviour-harness.ts';
import { behaviourRules } from '../../test/behaviour/behaviour-rules.ts';
import { closeAll, listen, type RunningEdge, startEdge } from '../../test/harness/test-origins.ts';

describe('interim responses', () => {
  let served = 0;
  // progress and a stylesheet hint before a cacheable page
  const origin = http.createServer((req, res) => {
    if (req.url === '/readyz') return void res.end('ready');
    served++;
    res.writeProcessing();
    res.writeEarlyHints({ link: '</style.css>; rel=preload; as=style' });
    res.writeHead(200, { 'content-type': 'text/plain', 'cache-control': 'public, max-age=60' }).end(`page ${served}`);
  });
  let edge: RunningEdge;
  before(async () => {
    const url = await listen(origin);
    const pool = [url];
    edge = await startEdge({ rules: behaviourRules, instances: { app: pool, canary: pool, console: pool, fragile: pool, slow: pool }, cache: new EdgeCache() });
  });
  after(async () => {
    await edge.close();
    await closeAll(origin);
  });

  const hints = [{ status: 102 }, { status: 103, link: '</style.css>; rel=preload; as=style' }];

  it('relays 102 and 103 from the origin ahead of a passed response', async () => {
    const answer = await requestWithInterim(edge.url, '/anything');
    assert.equal(answer.status, 200);
    assert.deepEqual(answer.interim, hints);
  });

  it('relays them on a cache miss, stores only the final response, and answers a hit without them', async () => {
    const miss = await requestWithInterim(edge.url, '/catalogue/page');
    assert.deepEqual([miss.headers['x-cache'], miss.interim], ['MISS', hints]);
    const hit = await requestWithInterim(edge.url, '/catalogue/page');
    assert.deepEqual([hit.headers['x-cache'], hit.interim, hit.text], ['HIT', [], miss.text]);
  });
});
