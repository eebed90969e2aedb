import assert from 'node:assert/strict';
import http from 'node:http';
import { describe, it } from 'node:test';
import hatagoRules from '../../../config/edge.ts';
import { type RouteRule } from '@hatago/edge-rules';
import { rulesWith } from '../test/harness/hatago-rules.ts';
import { closeAll, deadUrl, echoOrigin, lineCollector, listen, startEdge, until } from '../test/harness/test-origins.ts';

describe('edge answers of its own', () => {
  it('answers a synthetic route and a route miss without reaching an origin', async () => {
    const origin = echoOrigin('guest');
    const url = await listen(origin.server);
    const maintenance: RouteRule = {
      name: 'maintenance',
      match: { pathPrefix: '/book' },
      synthetic: { status: 503, contentType: 'text/html; charset=utf-8', body: '<h1>Under maintenance</h1>', retryAfterSeconds: 600 },
    };
    const edge = await startEdge({
      rules: rulesWith({ routes: [maintenance, { name: 'only-hotels', match: { pathPrefix: '/hotels' }, backend: 'guest', cache: 'pass' }] }),
      instances: { guest: [url] },
    });
    try {
      const page = await fetch(`${edge.url}/book?plan=1`);
      assert.equal(page.status, 503);
      assert.equal(page.headers.get('retry-after'), '600');
      assert.equal(page.headers.get('x-content-type-options'), 'nosniff', 'response rewrites apply to synthetic answers too');
      assert.equal(await page.text(), '<h1>Under maintenance</h1>');
      const head = await fetch(`${edge.url}/book`, { method: 'HEAD' });
      assert.equal(head.status, 503);
      const miss = await fetch(`${edge.url}/elsewhere`);
      assert.equal(miss.status, 404);
      assert.match(await miss.text(), /Request ID/);
      assert.equal(origin.requests, 0);
      assert.equal((await fetch(`${edge.url}/hotels/1`)).status, 200);
    } finally {
      await edge.close();
      await closeAll(origin.server);
    }
  });

  it('refuses a body over the limit itself, with or without a Content-Length, and lets smaller ones through', async () => {
    let completeBodies = 0;
    const counting = http.createServer((req, res) => {
      req.resume();
      req.on('end', () => {
        // probes and the flag feed's polls carry no body
        if (req.url !== '/readyz' && req.url !== '/internal/flags') completeBodies++;
        res.end('ok');
      });
    });
    const origin = await listen(counting);
    const edge = await startEdge({ rules: rulesWith({ limits: { ...hatagoRules.limits, maxBodyBytes: 1000 } }), instances: { guest: [origin] } });
    const url = edge.url;
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
      await edge.close();
      await closeAll(counting);
    }
  });

  it('closes the client connection when a backend dies mid-response, cached route or pass-through', async () => {
    const dying = http.createServer((req, res) => {
      if (req.url === '/readyz') return res.end();
      res.writeHead(200, { 'content-type': 'text/plain' });
      res.write('first half', () => res.socket?.destroy());
    });
    const origin = await listen(dying);
    const edge = await startEdge({ rules: hatagoRules, instances: { guest: [origin], facility: [origin] } });
    try {
      for (const path of ['/hotels/1', '/facility/inventory']) {
        const res = await fetch(`${edge.url}${path}`);
        assert.equal(res.status, 200);
        await assert.rejects(res.text(), `${path}: the truncated body ends in an error, not in a wait for the rest`);
      }
    } finally {
      await edge.close();
      await closeAll(dying);
    }
  });

  it('relays a large pass-through body whole to a client that reads slower than the origin writes', async () => {
    // 16 MiB of a repeating pattern: far more than the socket buffers, so the relay must wait for the client
    const chunk = Buffer.alloc(64 * 1024, 'hatago-');
    const total = 256;
    const big = http.createServer((req, res) => {
      if (req.url === '/readyz') return res.end();
      res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': chunk.length * total });
      let sent = 0;
      const more = () => {
        while (sent < total) {
          sent++;
          if (!res.write(chunk)) return void res.once('drain', more);
        }
        res.end();
      };
      more();
    });
    const origin = await listen(big);
    const edge = await startEdge({ rules: hatagoRules, instances: { facility: [origin] } });
    try {
      const received = await new Promise<{ bytes: number; intact: boolean }>((resolve, reject) => {
        http
          .get(`${edge.url}/facility/export.csv`, (res) => {
            let bytes = 0;
            let intact = true;
            res.on('data', (data: Buffer) => {
              for (let i = 0; i < data.length; i += 4099) if (data[i] !== chunk[(bytes + i) % chunk.length]) intact = false;
              bytes += data.length;
              // a slow reader: the stream stays paused until a later turn of the event loop
              res.pause();
              setImmediate(() => res.resume());
            });
            res.on('end', () => resolve({ bytes, intact }));
            res.on('error', reject);
          })
          .on('error', reject);
      });
      assert.equal(received.bytes, chunk.length * total);
      assert.ok(received.intact, 'every byte in order');
    } finally {
      await edge.close();
      await closeAll(big);
    }
  });

  it('lets go of the origin response when the client has left before it arrived', async () => {
    let arrived: () => void = () => undefined;
    const arrival = new Promise<void>((resolve) => (arrived = resolve));
    let answer: () => void = () => undefined;
    const held = new Promise<void>((resolve) => (answer = resolve));
    const slow = http.createServer((req, res) => {
      if (req.url !== '/slow') return res.end('fine');
      arrived();
      void held.then(() => res.end('too late'));
    });
    const origin = await listen(slow);
    const log = lineCollector();
    const edge = await startEdge({ rules: hatagoRules, instances: { guest: [origin] }, accessLog: log.stream, probes: false });
    try {
      const controller = new AbortController();
      const leaving = fetch(`${edge.url}/slow`, { signal: controller.signal }).catch((error: unknown) => error);
      await arrival;
      controller.abort();
      await leaving;
      await until(() => log.lines.some((line) => line.path === '/slow'), 'the edge to see the client leave');
      answer();
      const instance = edge.pools.get('guest')!.instances[0]!;
      await until(() => instance.active === 0, 'the late origin response to be dropped');
      assert.equal(await (await fetch(`${edge.url}/other`)).text(), 'fine', 'the edge is still serving');
    } finally {
      answer();
      await edge.close();
      await closeAll(slow);
    }
  });

  it('behind a trusted balancer, counts rate limits and logs per client from X-Forwarded-For, passes on its X-Forwarded-Proto, and believes neither from anyone else', async () => {
    const guest = echoOrigin('guest');
    const origin = await listen(guest.server);
    const log = lineCollector();
    const edge = await startEdge({ rules: rulesWith({ trustedProxies: ['127.0.0.1'] }), instances: { guest: [origin] }, accessLog: log.stream, probes: false });
    /** A login POST from a local address, carrying an X-Forwarded-For. */
    const login = (from: string, forwardedFor: string) =>
      new Promise<number>((resolve, reject) => {
        const req = http.request(`${edge.url}/login`, { method: 'POST', localAddress: from, agent: false, headers: { 'x-forwarded-for': forwardedFor, 'content-length': 0 } }, (res) => {
          res.resume();
          res.on('end', () => resolve(res.statusCode!));
        });
        req.on('error', reject).end();
      });
    try {
      // config/edge.ts allows 10 login POSTs per client per minute
      const statuses = async (from: string, forwardedFor: string, times: number) => {
        const seen: number[] = [];
        for (let i = 0; i < times; i++) seen.push(await login(from, forwardedFor));
        return seen;
      };
      assert.deepEqual(await statuses('127.0.0.1', '203.0.113.1', 11), [...Array(10).fill(200), 429], 'the first client behind the balancer');
      assert.deepEqual(await statuses('127.0.0.1', '203.0.113.2', 10), Array(10).fill(200), 'a second client behind the same balancer has its own budget');
      assert.deepEqual(
        await statuses('127.0.0.3', '203.0.113.9', 11),
        [...Array(10).fill(200), 429],
        'an untrusted peer is counted by its own address, whatever it claims',
      );
      assert.equal(await login('127.0.0.3', '203.0.113.10'), 429, 'changing the claimed address buys nothing');
      await until(() => log.lines.filter((line) => line.path === '/login').length === 33, 'the access log lines');
      const clients = new Set(log.lines.filter((line) => line.path === '/login').map((line) => line.client));
      assert.deepEqual([...clients].sort(), ['127.0.0.3', '203.0.113.1', '203.0.113.2']);

      // a TLS-terminating balancer says the client came over https; anyone else saying so is not believed
      const protoSeen = (from: string) =>
        new Promise<unknown>((resolve, reject) => {
          http
            .get(`${edge.url}/hop`, { localAddress: from, agent: false, headers: { 'x-forwarded-proto': 'https' } }, async (res) => {
              const chunks: Buffer[] = [];
              for await (const chunk of res) chunks.push(chunk as Buffer);
              resolve((JSON.parse(Buffer.concat(chunks).toString()) as { headers: Record<string, string> }).headers['x-forwarded-proto']);
            })
            .on('error', reject);
        });
      assert.equal(await protoSeen('127.0.0.1'), 'https');
      assert.equal(await protoSeen('127.0.0.3'), 'http');
    } finally {
      await edge.close();
      await closeAll(guest.server);
    }
  });

  it('answers a friendly 503 with the request id when every instance refuses connections', async () => {
    const dead = await deadUrl();
    const edge = await startEdge({ rules: hatagoRules, instances: { guest: [dead], facility: [dead], operator: [dead] }, probes: false });
    try {
      const page = await fetch(`${edge.url}/hotels/1`, { headers: { 'x-request-id': 'req-503-page' } });
      assert.equal(page.status, 503);
      assert.match(await page.text(), /req-503-page/);
      const api = await fetch(`${edge.url}/api/v1/areas`, { headers: { 'x-request-id': 'req-503-api' } });
      assert.equal(api.status, 503);
      assert.equal(api.headers.get('content-type'), 'application/problem+json');
      assert.equal(((await api.json()) as { requestId: string }).requestId, 'req-503-api');
    } finally {
      await edge.close();
    }
  });
});
