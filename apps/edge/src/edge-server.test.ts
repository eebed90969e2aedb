import assert from 'node:assert/strict';
import http from 'node:http';
import { after, before, describe, it } from 'node:test';
import hatagoRules from '../../../config/edge.ts';
import { closeAll, echoOf, echoOrigin, type EchoOrigin, lineCollector, listen, type RunningEdge, startEdge, until } from '../test/harness/test-origins.ts';

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
