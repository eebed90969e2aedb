import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { rawRequest } from '../../test/harness/test-origins.ts';
import { refusedCount, serveStage, stageContext, type StageServer } from '../../test/harness/stage-server.ts';
import { stageRules } from '../../test/harness/stage-rules.ts';
import type { EdgeContext } from './edge-context.ts';
import { refusedAtFrontDoor } from './front-door-checks.ts';

const statusOf = (raw: string) => Number(raw.split(' ')[1]);

describe('front door stage', () => {
  let edge: EdgeContext;
  let stage: StageServer;
  before(async () => {
    edge = stageContext(stageRules);
    stage = await serveStage(edge, (arrival, url) => refusedAtFrontDoor(edge, arrival, url));
  });
  after(() => stage.close());

  it('lets an ordinary request through', async () => {
    assert.equal((await fetch(`${stage.url}/hotels/1?x=1`)).status, 299);
  });

  it('refuses an address longer than limits.maxUrlBytes with 414, counted as url', async () => {
    const res = await fetch(`${stage.url}/hotels/${'x'.repeat(64)}`);
    assert.equal(res.status, 414);
    assert.match(await res.text(), /That address is too long/);
    assert.equal(await refusedCount(edge, 'url'), 1);
  });

  it('refuses TRACE and PURGE with 405 and Allow, and lets an extension method through', async () => {
    const trace = await rawRequest(stage.url, 'TRACE / HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n');
    assert.equal(statusOf(trace), 405);
    assert.match(trace, /\r\nAllow: GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS\r\n/i);
    assert.equal(statusOf(await rawRequest(stage.url, 'PURGE / HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n')), 405);
    for (const method of ['PROPFIND', 'REPORT', 'QUERY']) {
      assert.equal(statusOf(await rawRequest(stage.url, `${method} / HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n`)), 299, method);
    }
    assert.equal(await refusedCount(edge, 'method'), 2);
  });

  it('refuses a transfer coding on top of chunked with 501', async () => {
    const raw = await rawRequest(stage.url, 'POST / HTTP/1.1\r\nHost: a\r\nConnection: close\r\nTransfer-Encoding: x-custom, chunked\r\n\r\n0\r\n\r\n');
    assert.equal(statusOf(raw), 501);
    assert.equal(await refusedCount(edge, 'transfer-encoding'), 1);
  });
});
