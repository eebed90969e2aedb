import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { createLogger } from '@hatago/platform/logging';
import { createEdgeServer } from './edge-server.ts';

/** A real origin that answers with what it received, so the test sees what crossed the edge. */
function echoOrigin(name: string): http.Server {
  return http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      res.setHeader('content-type', 'application/json');
      res.setHeader('connection', 'keep-alive, x-origin-private');
      res.setHeader('x-origin-private', 'hop');
      res.end(JSON.stringify({ backend: name, url: req.url, headers: req.headers, body: Buffer.concat(chunks).toString() }));
    });
  });
}

/** What the echo origin reports. */
interface Echo {
  backend: string;
  url: string;
  headers: Record<string, string>;
  body: string;
}
const echo = async (res: Response) => (await res.json()) as Echo;

const listen = (server: http.Server) =>
  new Promise<URL>((resolve) => server.listen(0, '127.0.0.1', () => resolve(new URL(`http://127.0.0.1:${(server.address() as AddressInfo).port}`))));

describe('edge proxy', () => {
  const origins = { guest: echoOrigin('guest'), facility: echoOrigin('facility'), operator: echoOrigin('operator') };
  let edge: http.Server;
  let base: string;
  let deadPort: number;

  before(async () => {
    const backends = {
      guest: await listen(origins.guest),
      facility: await listen(origins.facility),
      operator: await listen(origins.operator),
    };
    edge = createEdgeServer({ backends, logger: createLogger('edge-test', 'silent') });
    base = (await listen(edge)).toString().replace(/\/$/, '');
    const dead = http.createServer();
    deadPort = (await listen(dead)).port as unknown as number;
    await new Promise((resolve) => dead.close(resolve));
  });
  after(async () => {
    for (const server of [edge, ...Object.values(origins)]) {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    }
  });

  it('routes by path prefix, not by prefix of a word', async () => {
    const cases: Array<[string, string]> = [
      ['/', 'guest'],
      ['/search?area=kyoto', 'guest'],
      ['/facility', 'facility'],
      ['/facility/inventory?x=1', 'facility'],
      ['/facilityx', 'guest'],
      ['/operator/reservations', 'operator'],
      ['/api/v1/hotels', 'guest'],
    ];
    for (const [path, backend] of cases) {
      const body = await echo(await fetch(base + path));
      assert.equal(body.backend, backend, path);
      assert.equal(body.url, path, 'path and query reach the origin unchanged');
    }
  });

  it('creates a request id, keeps a well-formed one, replaces a malformed one, and returns what it sent', async () => {
    const created = await fetch(`${base}/`);
    const createdId = created.headers.get('x-request-id')!;
    assert.match(createdId, /^[A-Za-z0-9._-]{1,64}$/);
    assert.equal((await echo(created)).headers['x-request-id'], createdId);

    const kept = await fetch(`${base}/`, { headers: { 'x-request-id': 'client.trace-42_A' } });
    assert.equal(kept.headers.get('x-request-id'), 'client.trace-42_A');
    assert.equal((await echo(kept)).headers['x-request-id'], 'client.trace-42_A');

    for (const bad of ['x'.repeat(65), 'has space', 'semi;colon', '<script>']) {
      const replaced = await fetch(`${base}/`, { headers: { 'x-request-id': bad } });
      const id = replaced.headers.get('x-request-id')!;
      assert.notEqual(id, bad);
      assert.match(id, /^[A-Za-z0-9._-]{1,64}$/);
      assert.equal((await echo(replaced)).headers['x-request-id'], id);
    }
  });

  it('sets forwarding headers and drops hop-by-hop headers both ways', async () => {
    const res = await new Promise<http.IncomingMessage & { body?: string }>((resolve, reject) => {
      const req = http.request(`${base}/hop`, { headers: { connection: 'keep-alive, x-client-private', 'x-client-private': '1', 'x-kept': 'yes', 'x-forwarded-proto': 'https' } }, (r) => {
        let data = '';
        r.on('data', (c) => (data += c));
        r.on('end', () => resolve(Object.assign(r, { body: data })));
      });
      req.on('error', reject);
      req.end();
    });
    const seen = JSON.parse(res.body!).headers;
    assert.equal(seen['x-client-private'], undefined);
    assert.equal(seen['x-kept'], 'yes');
    assert.equal(seen['x-forwarded-for'], '127.0.0.1');
    assert.equal(seen['x-forwarded-proto'], 'http');
    assert.equal(res.headers['x-origin-private'], undefined);
  });

  it('streams request bodies to the origin', async () => {
    const payload = JSON.stringify({ hello: 'world', list: Array.from({ length: 5000 }, (_, i) => i) });
    const body = await echo(await fetch(`${base}/api/v1/echo`, { method: 'POST', body: payload, headers: { 'content-type': 'application/json' } }));
    assert.equal(body.body, payload);
  });

  it('closes the client connection when a backend dies mid-response', { timeout: 10_000 }, async () => {
    const dying = http.createServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/plain' });
      res.write('first half', () => res.socket?.destroy());
    });
    const origin = await listen(dying);
    const broken = createEdgeServer({
      backends: { guest: origin, facility: origin, operator: origin },
      logger: createLogger('edge-test', 'silent'),
    });
    const url = (await listen(broken)).toString().replace(/\/$/, '');
    try {
      const res = await fetch(`${url}/hotels/1`);
      assert.equal(res.status, 200);
      await assert.rejects(res.text(), 'the truncated body ends in an error, not in a wait for the rest');
    } finally {
      for (const server of [broken, dying]) {
        server.closeAllConnections();
        await new Promise((resolve) => server.close(resolve));
      }
    }
  });

  it('answers a friendly 502 with the request id when a backend is down', async () => {
    const broken = createEdgeServer({
      backends: { guest: new URL(`http://127.0.0.1:${deadPort}`), facility: new URL(`http://127.0.0.1:${deadPort}`), operator: new URL(`http://127.0.0.1:${deadPort}`) },
      logger: createLogger('edge-test', 'silent'),
    });
    const url = (await listen(broken)).toString().replace(/\/$/, '');
    try {
      const page = await fetch(`${url}/hotels/1`, { headers: { 'x-request-id': 'req-502-page' } });
      assert.equal(page.status, 502);
      assert.match(await page.text(), /req-502-page/);
      const api = await fetch(`${url}/api/v1/areas`, { headers: { 'x-request-id': 'req-502-api' } });
      assert.equal(api.status, 502);
      assert.equal(api.headers.get('content-type'), 'application/problem+json');
      assert.equal(((await api.json()) as { requestId: string }).requestId, 'req-502-api');
    } finally {
      broken.closeAllConnections();
      await new Promise((resolve) => broken.close(resolve));
    }
  });
  it('refuses a body over the limit itself, with or without a Content-Length, and lets smaller ones through', async () => {
    let completeBodies = 0;
    const counting = http.createServer((req, res) => {
      req.resume();
      req.on('end', () => {
        completeBodies++;
        res.end('ok');
      });
    });
    const origin = await listen(counting);
    const edgeWithLimit = createEdgeServer({
      backends: { guest: origin, facility: origin, operator: origin },
      logger: createLogger('edge-test', 'silent'),
      maxBodyBytes: 1000,
    });
    const url = (await listen(edgeWithLimit)).toString().replace(/\/$/, '');
    try {
      const declared = await fetch(`${url}/api/v1/reservations`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-request-id': 'too-big-1' },
        body: 'x'.repeat(2000),
      });
      assert.equal(declared.status, 413);
      assert.equal(declared.headers.get('content-type'), 'application/problem+json');
      assert.deepEqual(await declared.json(), {
        type: 'about:blank',
        status: 413,
        title: 'Content Too Large',
        code: 'BODY_TOO_LARGE',
        detail: 'The request body is too large.',
        requestId: 'too-big-1',
      });

      const chunks = [Buffer.alloc(600, 'a'), Buffer.alloc(600, 'b'), Buffer.alloc(600, 'c')];
      const streamed = await fetch(`${url}/book`, {
        method: 'POST',
        body: new ReadableStream({
          pull(controller) {
            const next = chunks.shift();
            if (next) controller.enqueue(next);
            else controller.close();
          },
        }),
        duplex: 'half',
      } as RequestInit);
      assert.equal(streamed.status, 413);
      assert.match(await streamed.text(), /Request ID/);
      assert.equal(completeBodies, 0, 'no backend received an oversized body');

      const small = await fetch(`${url}/book`, { method: 'POST', body: 'y'.repeat(900) });
      assert.equal(small.status, 200);
      assert.equal(completeBodies, 1);
    } finally {
      for (const server of [edgeWithLimit, counting]) {
        server.closeAllConnections();
        await new Promise((resolve) => server.close(resolve));
      }
    }
  });
});
