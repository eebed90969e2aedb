import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import hatagoRules from '../../../config/edge.ts';
import { defineEdgeRules } from '@hatago/edge-rules';
import { closeAll, echoOrigin, listen, rawRequest, type RunningEdge, startEdge } from '../test/harness/test-origins.ts';

describe('front door', () => {
  const origin = echoOrigin('guest');
  let edge: RunningEdge;

  before(async () => {
    const url = await listen(origin.server);
    edge = await startEdge({
      rules: defineEdgeRules({ ...hatagoRules, limits: { maxHeaderBytes: 4096, maxUrlBytes: 256, maxBodyBytes: 1024 } }),
      instances: { guest: [url] },
    });
  });
  after(async () => {
    await edge.close();
    await closeAll(origin.server);
  });

  const statusOf = (raw: string) => Number(/^HTTP\/1\.1 (\d{3})/.exec(raw)?.[1] ?? 0);

  it('refuses request smuggling shapes and malformed framing with 400/501, never reaching the origin', async () => {
    const cases: Array<[string, string, number]> = [
      ['Content-Length with Transfer-Encoding', 'POST /api/v1/reservations HTTP/1.1\r\nHost: a\r\nContent-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n', 400],
      ['duplicate Content-Length', 'POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 5\r\nContent-Length: 6\r\n\r\nhello!', 400],
      ['repeated equal Content-Length', 'POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 5\r\nContent-Length: 5\r\n\r\nhello', 400],
      ['list Content-Length', 'POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 5, 5\r\n\r\nhello', 400],
      ['signed Content-Length', 'POST / HTTP/1.1\r\nHost: a\r\nContent-Length: +5\r\n\r\nhello', 400],
      ['final coding not chunked', 'POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: identity\r\n\r\n', 400],
      ['chunked then another coding', 'POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked, gzip\r\n\r\n', 400],
      ['unknown coding before chunked', 'POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: x-custom, chunked\r\n\r\n0\r\n\r\n', 501],
      ['space before colon', 'GET / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding : chunked\r\n\r\n', 400],
      ['obsolete line folding', 'GET / HTTP/1.1\r\nHost: a\r\nX-A: b\r\n c\r\n\r\n', 400],
      ['bare LF line ends', 'GET / HTTP/1.1\nHost: a\n\n', 400],
      ['no Host', 'GET / HTTP/1.1\r\n\r\n', 400],
    ];
    for (const [name, bytes, status] of cases) {
      const raw = await rawRequest(edge.url, bytes);
      assert.equal(statusOf(raw), status, `${name}: ${raw.split('\r\n')[0]}`);
    }
    assert.equal(origin.requests, 0);
  });

  it('answers methods it refuses with 405 (+Allow) and one node\'s parser does not know with 501', async () => {
    const cases: Array<[string, number]> = [
      ['TRACE / HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n', 405],
      ['CONNECT a:443 HTTP/1.1\r\nHost: a:443\r\n\r\n', 405],
      ['PURGE /hotels/1 HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n', 405],
      ['BREW / HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n', 501],
    ];
    for (const [bytes, status] of cases) {
      const raw = await rawRequest(edge.url, bytes);
      assert.equal(statusOf(raw), status, bytes.split('\r\n')[0]);
      if (status === 405) assert.match(raw, /\r\nAllow: GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS\r\n/i);
    }
    assert.equal(origin.requests, 0);
  });

  it('passes an extension method to the origin uncached, on a route that does not restrict methods', async () => {
    for (const method of ['PROPFIND', 'REPORT', 'QUERY']) {
      const raw = await rawRequest(edge.url, `${method} /api/v1/reservations/7 HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n`);
      assert.equal(statusOf(raw), 200, `${method}: ${raw.split('\r\n')[0]}`);
      assert.match(raw, /\r\ncache-status: Hatago; fwd=method\r\n/i, method);
    }
    assert.equal(origin.requests, 3);
    origin.requests = 0;
  });

  it('forwards an HTTP/1.0 request without Host and keeps a connection open after refusing a bodyless request', async () => {
    const old = await rawRequest(edge.url, 'GET /hotels/1 HTTP/1.0\r\n\r\n');
    assert.equal(statusOf(old), 200, old.split('\r\n')[0]);
    const twice = await rawRequest(edge.url, 'GET /nowhere/../' + 'x'.repeat(300) + ' HTTP/1.1\r\nHost: a\r\n\r\nGET /hotels/1 HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n');
    assert.deepEqual([...twice.matchAll(/HTTP\/1\.1 (\d{3})/g)].map((m) => m[1]), ['414', '200']);
    origin.requests = 0;
  });

  it('answers oversized headers with 431 and an oversized URL with 414', async () => {
    const headers = await rawRequest(edge.url, `GET / HTTP/1.1\r\nHost: a\r\nX-Big: ${'b'.repeat(5000)}\r\n\r\n`);
    assert.equal(statusOf(headers), 431);
    const url = await fetch(`${edge.url}/search?q=${'u'.repeat(300)}`);
    assert.equal(url.status, 414);
    assert.equal(origin.requests, 0);
    assert.equal((await fetch(`${edge.url}/search?q=${'u'.repeat(100)}`)).status, 200);
  });

  it('applies a reloaded header limit to the next connections, raised or lowered', async () => {
    const head = `GET / HTTP/1.1\r\nHost: a\r\nConnection: close\r\nX-Big: ${'b'.repeat(6000)}\r\n\r\n`;
    const limits = (maxHeaderBytes: number) => defineEdgeRules({ ...hatagoRules, limits: { maxHeaderBytes, maxUrlBytes: 256, maxBodyBytes: 1024 } });
    try {
      edge.reload(limits(8192));
      assert.equal(statusOf(await rawRequest(edge.url, head)), 200);
      edge.reload(limits(2048));
      assert.equal(statusOf(await rawRequest(edge.url, `GET / HTTP/1.1\r\nHost: a\r\nConnection: close\r\nX-Big: ${'b'.repeat(3000)}\r\n\r\n`)), 431);
    } finally {
      edge.reload(limits(4096));
    }
  });
});
