import assert from 'node:assert/strict';
import http from 'node:http';
import { after, before, describe, it } from 'node:test';
import hatagoRules from '../../../../config/edge.ts';
import { closeAll, deadUrl, echoOf, echoOrigin, listen, startEdge, type EchoOrigin, type RunningEdge } from '../../test/harness/test-origins.ts';
import type { BackendRule, EdgeRules } from '@hatago/edge-rules';
import type { HealthChange } from './backend-pool.ts';

const fastProbe: BackendRule = {
  // one pass in three keeps an instance: a loaded test machine may time a probe out now and then
  probe: { path: '/readyz', intervalMs: 200, timeoutMs: 200, window: 3, threshold: 1 },
  connectTimeoutMs: 500,
  firstByteTimeoutMs: 2000,
  idleTimeoutMs: 2000,
  balance: 'round-robin',
};

/** One pass route to one backend, so the test is about balancing only. */
function poolRules(backend: BackendRule): EdgeRules {
  // no flag feed: it would read from a backend these rules do not declare
  const { flags: _feed, ...rules } = hatagoRules;
  return {
    ...rules,
    backends: { app: backend },
    redirects: [],
    routes: [{ name: 'all', match: { pathPrefix: '/' }, backend: 'app', cache: 'pass' }],
    headers: { request: [], response: [] },
    rateLimits: [],
  };
}

const healthChange = (edge: RunningEdge, healthy: boolean) =>
  new Promise<HealthChange>((resolve) => {
    const pool = edge.pools.get('app')!;
    const listener = (change: HealthChange) => {
      if (change.healthy !== healthy) return;
      pool.off('health', listener);
      resolve(change);
    };
    pool.on('health', listener);
  });

const backendsOf = async (url: string, n: number, init?: RequestInit) => {
  const seen: string[] = [];
  for (let i = 0; i < n; i++) seen.push((await echoOf(await fetch(url, init))).backend);
  return seen;
};

describe('backend pools', () => {
  const a = echoOrigin('a');
  const b = echoOrigin('b');
  let urls: { a: string; b: string };
  before(async () => {
    urls = { a: await listen(a.server), b: await listen(b.server) };
  });
  after(() => closeAll(a.server, b.server));

  it('balances round-robin over healthy instances; one failing its probe leaves and returns when it passes again', async () => {
    const edge = await startEdge({ rules: poolRules(fastProbe), instances: { app: [urls.a, urls.b] } });
    try {
      assert.deepEqual((await backendsOf(`${edge.url}/x`, 4)).sort(), ['a', 'a', 'b', 'b']);

      const left = healthChange(edge, false);
      b.ready = false;
      assert.equal((await left).instance, urls.b);
      assert.deepEqual(await backendsOf(`${edge.url}/x`, 4), ['a', 'a', 'a', 'a']);

      const back = healthChange(edge, true);
      b.ready = true;
      assert.equal((await back).instance, urls.b);
      assert.deepEqual((await backendsOf(`${edge.url}/x`, 4)).sort(), ['a', 'a', 'b', 'b']);
    } finally {
      b.ready = true;
      await edge.close();
    }
  });

  it('sends to the instance with the fewest requests in flight under least-connections', async () => {
    let release: () => void = () => undefined;
    const held = new Promise<void>((resolve) => (release = resolve));
    let slowArrived: () => void = () => undefined;
    const arrived = new Promise<void>((resolve) => (slowArrived = resolve));
    const slow = http.createServer((req, res) => {
      if (req.url === '/readyz') return res.end();
      slowArrived();
      void held.then(() => res.end(JSON.stringify({ backend: 'slow' })));
    });
    const slowUrl = await listen(slow);
    const edge = await startEdge({ rules: poolRules({ ...fastProbe, balance: 'least-connections' }), instances: { app: [slowUrl, urls.a] }, probes: false });
    try {
      const pending: Array<Promise<Response>> = [];
      // send until one request is held by the slow instance
      pending.push(fetch(`${edge.url}/hold`));
      pending.push(fetch(`${edge.url}/hold`));
      await arrived;
      assert.deepEqual(await backendsOf(`${edge.url}/x`, 5), ['a', 'a', 'a', 'a', 'a'], 'the busy instance gets nothing while the other is idle');
      release();
      const answered = await Promise.all(pending.map(async (p) => (await echoOf(await p)).backend));
      assert.ok(answered.includes('slow'));
    } finally {
      release();
      await edge.close();
      await closeAll(slow);
    }
  });

  it('retries an idempotent request once on another instance when the first refuses the connection', async () => {
    const dead = await deadUrl();
    // probes off: the dead instance is still in the pool, as in the seconds before its probe notices
    const edge = await startEdge({ rules: poolRules(fastProbe), instances: { app: [dead, urls.a] }, probes: false, adminToken: 'admin-token-for-retries' });
    try {
      for (let i = 0; i < 4; i++) assert.equal((await echoOf(await fetch(`${edge.url}/get`))).backend, 'a');
      const put = await echoOf(await fetch(`${edge.url}/put`, { method: 'PUT', body: 'payload' }));
      assert.equal(put.body, 'payload', 'the buffered body is sent again in full');

      const keyed = await fetch(`${edge.url}/post`, { method: 'POST', body: 'once', headers: { 'idempotency-key': 'k-1' } });
      assert.equal((await echoOf(keyed)).backend, 'a');

      // a POST without a key is never sent twice: when the round-robin lands it on the dead instance it fails
      const outcomes = await Promise.all([0, 1].map(async () => (await fetch(`${edge.url}/post`, { method: 'POST', body: 'x' })).status));
      assert.deepEqual(outcomes.sort(), [200, 503]);

      const metrics = await (await fetch(`${edge.adminUrl}/metrics`, { headers: { authorization: 'Bearer admin-token-for-retries' } })).text();
      assert.match(metrics, /edge_retries_total\{backend="app",reason="ECONNREFUSED"\} [1-9]/);
    } finally {
      await edge.close();
    }
  });

  it('retries an idempotent request reset before any response byte, but not a bodyless POST', async () => {
    let resets = 0;
    const resetting = http.createServer((req, res) => {
      if (req.url === '/readyz') return res.end();
      resets++;
      req.socket.destroy();
    });
    const resetUrl = await listen(resetting);
    const edge = await startEdge({ rules: poolRules(fastProbe), instances: { app: [resetUrl, urls.b] }, probes: false });
    try {
      const gets = await Promise.all([0, 1, 2, 3].map(async () => (await echoOf(await fetch(`${edge.url}/r`))).backend));
      assert.deepEqual(gets, ['b', 'b', 'b', 'b']);
      assert.ok(resets >= 1, 'some requests went to the resetting instance first');
      const posts = await Promise.all([0, 1].map(async () => (await fetch(`${edge.url}/r`, { method: 'POST' })).status));
      assert.deepEqual(posts.sort(), [200, 502]);
    } finally {
      await edge.close();
      await closeAll(resetting);
    }
  });

  it('answers 504 when the first byte does not come within the backend timeout', async () => {
    const silent = http.createServer((req, res) => {
      if (req.url === '/readyz') return res.end();
      // never answers
    });
    const silentUrl = await listen(silent);
    const edge = await startEdge({ rules: poolRules({ ...fastProbe, firstByteTimeoutMs: 200 }), instances: { app: [silentUrl] }, probes: false });
    try {
      const page = await fetch(`${edge.url}/slow`, { headers: { 'x-request-id': 'slow-1' } });
      assert.equal(page.status, 504);
      assert.match(await page.text(), /slow-1/);
    } finally {
      await edge.close();
      await closeAll(silent);
    }
  });

  it('cuts a response whose body goes silent for longer than the idle timeout', async () => {
    const stalling = http.createServer((req, res) => {
      if (req.url === '/readyz') return res.end();
      res.writeHead(200, { 'content-type': 'text/plain' });
      res.write('partial');
    });
    const stallingUrl = await listen(stalling);
    const edge = await startEdge({ rules: poolRules({ ...fastProbe, idleTimeoutMs: 300 }), instances: { app: [stallingUrl] }, probes: false });
    try {
      const res = await fetch(`${edge.url}/stall`);
      assert.equal(res.status, 200);
      await assert.rejects(res.text(), 'the client sees a failed response instead of waiting forever');
    } finally {
      await edge.close();
      await closeAll(stalling);
    }
  });

  it('answers 503 without trying when every instance has failed its probes', async () => {
    const origin: EchoOrigin = echoOrigin('down');
    const url = await listen(origin.server);
    const edge = await startEdge({ rules: poolRules(fastProbe), instances: { app: [url] } });
    try {
      const left = healthChange(edge, false);
      origin.ready = false;
      await left;
      const before = origin.requests;
      const traceparent = '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01';
      const api = await fetch(`${edge.url}/api/v1/hotels`, { headers: { 'x-request-id': 'all-down', traceparent } });
      assert.equal(api.status, 503);
      // the trace the edge would have sent the origin: the client's, so support finds the client's trace
      assert.deepEqual(await api.json(), {
        traceId: '4bf92f3577b34da6a3ce929d0e0e4736',
        type: 'about:blank',
        status: 503,
        title: 'Service Unavailable',
        code: 'BACKEND_UNAVAILABLE',
        detail: 'The service is briefly unavailable; try again.',
        requestId: 'all-down',
      });
      assert.equal(origin.requests, before);
    } finally {
      await edge.close();
      await closeAll(origin.server);
    }
  });
});
