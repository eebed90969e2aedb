import assert from 'node:assert/strict';
import http from 'node:http';
import { after, before, describe, it } from 'node:test';
import hatagoRules from '../../../config/edge.ts';
import {
  closeAll,
  deadUrl,
  echoOf,
  echoOrigin,
  lineCollector,
  listen,
  rawRequest,
  startEdge,
  type EchoOrigin,
  type RunningEdge,
  until,
} from '../test/harness/test-origins.ts';
import { EdgeCache } from '@hatago/http-cache';
import { defineEdgeRules, type EdgeRules, type RouteRule } from '@hatago/edge-rules';

/** Hatago's rules with changes for one case. */
const rulesWith = (change: Partial<EdgeRules>): EdgeRules => ({ ...hatagoRules, ...change });

describe('edge proxy on the Hatago rules', () => {
  const origins = { guest: echoOrigin('guest'), canary: echoOrigin('guest-canary'), facility: echoOrigin('facility'), operator: echoOrigin('operator') };
  const log = lineCollector();
  let edge: RunningEdge;
  let base: string;
  const token = 'test-admin-token-0123456789';

  before(async () => {
    const urls = Object.fromEntries(await Promise.all(Object.entries(origins).map(async ([key, origin]) => [key, await listen(origin.server)])));
    edge = await startEdge({
      rules: hatagoRules,
      instances: { guest: [urls.guest], 'guest-canary': [urls.canary], facility: [urls.facility], operator: [urls.operator] },
      accessLog: log.stream,
      adminToken: token,
    });
    base = edge.url;
  });
  after(async () => {
    await edge.close();
    await closeAll(...Object.values(origins).map((o: EchoOrigin) => o.server));
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
      const body = await echoOf(await fetch(base + path));
      assert.equal(body.backend, backend, path);
      assert.equal(body.url, path, 'path and query reach the origin unchanged');
    }
  });

  it('creates a request id, keeps a well-formed one, replaces a malformed one, and returns what it sent', async () => {
    const created = await fetch(`${base}/`);
    const createdId = created.headers.get('x-request-id')!;
    assert.match(createdId, /^[A-Za-z0-9._-]{1,64}$/);
    assert.equal((await echoOf(created)).headers['x-request-id'], createdId);

    const kept = await fetch(`${base}/`, { headers: { 'x-request-id': 'client.trace-42_A' } });
    assert.equal(kept.headers.get('x-request-id'), 'client.trace-42_A');
    assert.equal((await echoOf(kept)).headers['x-request-id'], 'client.trace-42_A');

    for (const bad of ['x'.repeat(65), 'has space', 'semi;colon', '<script>']) {
      const replaced = await fetch(`${base}/`, { headers: { 'x-request-id': bad } });
      const id = replaced.headers.get('x-request-id')!;
      assert.notEqual(id, bad);
      assert.match(id, /^[A-Za-z0-9._-]{1,64}$/);
      assert.equal((await echoOf(replaced)).headers['x-request-id'], id);
    }
  });

  it('passes a valid traceparent on and starts a trace for a missing or malformed one', async () => {
    const valid = '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01';
    const passed = await echoOf(await fetch(`${base}/`, { headers: { traceparent: valid, tracestate: 'vendor=1' } }));
    assert.equal(passed.headers.traceparent, valid);
    assert.equal(passed.headers.tracestate, 'vendor=1');

    const created = await echoOf(await fetch(`${base}/`));
    assert.match(created.headers.traceparent!, /^00-[0-9a-f]{32}-[0-9a-f]{16}-01$/);

    for (const bad of ['00-00000000000000000000000000000000-00f067aa0ba902b7-01', 'ff-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01', '00-4BF92F3577B34DA6A3CE929D0E0E4736-00f067aa0ba902b7-01', 'junk']) {
      const replaced = await echoOf(await fetch(`${base}/`, { headers: { traceparent: bad, tracestate: 'vendor=1' } }));
      assert.notEqual(replaced.headers.traceparent, bad);
      assert.match(replaced.headers.traceparent!, /^00-[0-9a-f]{32}-[0-9a-f]{16}-01$/);
      assert.equal(replaced.headers.tracestate, undefined, 'a tracestate without its traceparent is dropped');
    }
  });

  it('sets forwarding headers, drops hop-by-hop headers both ways and applies the response rewrites', async () => {
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
    assert.equal(res.headers['x-powered-by'], undefined, 'removed by headers.response');
    assert.equal(res.headers['x-content-type-options'], 'nosniff', 'set by headers.response');
  });

  it('forwards request bodies', async () => {
    const payload = JSON.stringify({ hello: 'world', list: Array.from({ length: 5000 }, (_, i) => i) });
    const body = await echoOf(await fetch(`${base}/api/v1/echo`, { method: 'POST', body: payload, headers: { 'content-type': 'application/json' } }));
    assert.equal(body.body, payload);
    assert.equal(body.headers['content-length'], String(Buffer.byteLength(payload)));
  });

  it('redirects by the rules, filling groups and keeping the query when asked', async () => {
    const legacy = await fetch(`${base}/hotel/42?lang=en`, { redirect: 'manual' });
    assert.equal(legacy.status, 301);
    assert.equal(legacy.headers.get('location'), '/hotels/42?lang=en');
    const account = await fetch(`${base}/account?x=1`, { redirect: 'manual' });
    assert.equal(account.status, 302);
    assert.equal(account.headers.get('location'), '/account/reservations');
  });

  it('sends opted-in visitors to the canary and keeps them there by cookie; others get no cookie', async () => {
    const plain = await fetch(`${base}/hotels/1`);
    assert.equal((await echoOf(plain)).backend, 'guest');
    assert.equal(plain.headers.get('set-cookie'), null, 'percent 0: nobody is drawn and no cookie splits the cache');

    const optIn = await fetch(`${base}/hotels/1?canary=1`);
    assert.equal((await echoOf(optIn)).backend, 'guest-canary');
    const cookie = optIn.headers.get('set-cookie')!;
    assert.match(cookie, /^hatago_canary=1; Path=\/; Max-Age=\d+; SameSite=Lax; HttpOnly$/);

    const sticky = await fetch(`${base}/search?area=kyoto`, { headers: { cookie: 'session=x; hatago_canary=1' } });
    assert.equal((await echoOf(sticky)).backend, 'guest-canary');
    assert.equal(sticky.headers.get('set-cookie'), null, 'already assigned: no new cookie');

    const optOut = await fetch(`${base}/search?canary=0`, { headers: { cookie: 'hatago_canary=1' } });
    assert.equal((await echoOf(optOut)).backend, 'guest');
    assert.match(optOut.headers.get('set-cookie')!, /^hatago_canary=0;/);

    const staff = await fetch(`${base}/facility/inventory?canary=1`);
    assert.equal((await echoOf(staff)).backend, 'facility', 'routes without a rollout ignore the opt-in');
  });

  it('limits logins per client address with 429 and Retry-After, as problem+json on the API', async () => {
    const login = () => fetch(`${base}/login`, { method: 'POST', body: 'login=a&password=b', headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    for (let i = 0; i < 10; i++) assert.equal((await login()).status, 200);
    const limited = await login();
    assert.equal(limited.status, 429);
    assert.ok(Number(limited.headers.get('retry-after')) >= 1);
    assert.match(await limited.text(), /Request ID/);
    assert.equal((await fetch(`${base}/login`)).status, 200, 'GET is not limited');

    const before = origins.guest.requests;
    let last: Response | undefined;
    for (let i = 0; i < 31; i++) last = await fetch(`${base}/api/v1/reservations`, { method: 'POST', body: '{}', headers: { 'content-type': 'application/json' } });
    assert.equal(last!.status, 429);
    assert.equal(last!.headers.get('content-type'), 'application/problem+json');
    assert.equal(((await last!.json()) as { code: string }).code, 'RATE_LIMITED');
    assert.equal(origins.guest.requests - before, 30, 'the refused request never reached the origin');
  });

  it('writes one access log line per request with route, backend, instance, cache status and sizes', async () => {
    const res = await fetch(`${base}/facility/inventory`, { headers: { 'x-request-id': 'log-line-1' } });
    await res.arrayBuffer();
    // the line is written when the server side of the response closes, just after the client has the body
    await until(() => log.lines.some((l) => l.reqId === 'log-line-1'), 'the access log line');
    const line = log.lines.find((l) => l.reqId === 'log-line-1')!;
    assert.equal(line.route, 'facility');
    assert.equal(line.backend, 'facility');
    assert.match(String(line.instance), /^http:\/\/127\.0\.0\.1:\d+$/);
    assert.equal(line.cache, 'PASS');
    assert.equal(line.status, 200);
    assert.ok(Number(line.bytes) > 100);
    assert.equal(typeof line.durationMs, 'number');
    assert.equal(typeof line.originMs, 'number');
  });

  it('serves metrics and the pool health view on the admin listener, behind the bearer token', async () => {
    assert.equal((await fetch(`${edge.adminUrl}/metrics`)).status, 401);
    assert.equal((await fetch(`${edge.adminUrl}/metrics`, { headers: { authorization: 'Bearer wrong' } })).status, 401);
    const auth = { authorization: `Bearer ${token}` };
    const metrics = await (await fetch(`${edge.adminUrl}/metrics`, { headers: auth })).text();
    assert.match(metrics, /edge_requests_total\{route="facility",status="200",cache="PASS"\} \d+/);
    assert.match(metrics, /edge_origin_seconds_bucket\{le="[^"]+",backend="guest"\}/);
    assert.match(metrics, /edge_instance_healthy\{backend="guest",instance="http:\/\/127\.0\.0\.1:\d+"\} 1/);
    assert.match(metrics, /edge_refused_total\{reason="rate-guest-logins"\} 1/);
    const health = (await (await fetch(`${edge.adminUrl}/health`, { headers: auth })).json()) as { backends: Record<string, { healthy: number; instances: Array<{ healthy: boolean }> }> };
    assert.equal(health.backends.guest!.healthy, 1);
    assert.equal(health.backends.mailer!.instances.length, 0);
  });

  it('answers 503 for a backend without instances, as a page or problem+json with the request id', async () => {
    const page = await fetch(`${base}/webhooks/sendgrid`, { method: 'POST', body: '[]', headers: { 'x-request-id': 'no-mailer' } });
    assert.equal(page.status, 503);
    assert.match(await page.text(), /no-mailer/);
  });
});

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
        if (req.url !== '/readyz') completeBodies++;
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

  it('answers methods it refuses with 405 (+Allow) and methods it does not implement with 501', async () => {
    const cases: Array<[string, number]> = [
      ['TRACE / HTTP/1.1\r\nHost: a\r\n\r\n', 405],
      ['CONNECT a:443 HTTP/1.1\r\nHost: a:443\r\n\r\n', 405],
      ['PROPFIND / HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n', 501],
      ['PURGE /hotels/1 HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n', 501],
      ['BREW / HTTP/1.1\r\nHost: a\r\n\r\n', 501],
    ];
    for (const [bytes, status] of cases) {
      const raw = await rawRequest(edge.url, bytes);
      assert.equal(statusOf(raw), status, bytes.split('\r\n')[0]);
      if (status === 405) assert.match(raw, /\r\nAllow: GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS\r\n/i);
    }
    assert.equal(origin.requests, 0);
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
