import assert from 'node:assert/strict';
import http from 'node:http';
import { after, before, describe, it } from 'node:test';
import { EdgeCache } from '@hatago/http-cache';
import { listen, manualClock, oneCachedRouteRules, startOrigin, type TestOrigin } from '@hatago/http-cache/testing';
import { createLogger } from '@hatago/platform/logging';
import { createEdgeServer, type EdgeServer } from '../../src/edge-server.ts';

/**
 * The TV-programme spike from the talk, through the whole edge (rules, pipeline, pool,
 * cache): a cold cache hit by 500 concurrent clients on 20 pages, then the origin gone.
 */

const URLS = Array.from({ length: 20 }, (_, i) => `/hotels/${i + 1}`);
const UNCACHED = '/hotels/999';
const CLIENTS = 500;
const REQUESTS_PER_CLIENT = 4;

const rules = oneCachedRouteRules({
  name: 'hotel-page',
  match: { pathPattern: '^/hotels/[0-9]+$', methods: ['GET', 'HEAD'] },
  cache: { ttl: 'origin', graceSeconds: 0, key: { query: ['checkin'], locale: false, device: false } },
});

function get(base: string, path: string, agent: http.Agent): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: string }> {
  return new Promise((resolve, reject) => {
    http
      .get(`${base}${path}`, { agent }, (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (body += chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
      })
      .on('error', reject);
  });
}

describe('spike: 500 concurrent clients on 20 pages, cold cache, then the origin down', () => {
  let origin: TestOrigin;
  let edge: EdgeServer;
  let base: string;
  const clock = manualClock();
  const agent = new http.Agent({ keepAlive: true, maxSockets: CLIENTS });

  before(async () => {
    origin = await startOrigin();
    origin.route('/readyz', (_req, res) => res.end('ok'));
    for (const path of [...URLS, UNCACHED]) {
      origin.route(path, (_req, res) => {
        res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'public, max-age=60, stale-if-error=600', 'surrogate-key': `hotel-${path.slice(8)}` });
        res.end(`<!doctype html><h1>Hotel ${path.slice(8)}</h1>${'<p>Rooms with a view of the garden.</p>'.repeat(100)}`);
      });
    }
    edge = createEdgeServer({
      rules,
      instances: { site: [origin.url] },
      logger: createLogger('edge-spike', 'silent'),
      accessLog: false,
      probes: false,
      cache: new EdgeCache({ now: clock.now }),
    });
    base = (await listen(edge.server)).origin;
  });
  after(async () => {
    agent.destroy();
    await edge.close();
    await origin.stop().catch(() => undefined);
  });

  it('the origin sees one request per page per TTL, whatever the crowd', async () => {
    const clients = Array.from({ length: CLIENTS }, async (_, client) => {
      const answers = [];
      for (let n = 0; n < REQUESTS_PER_CLIENT; n++) {
        // tracking parameters from the TV station's link must not split the cache
        answers.push(await get(base, `${URLS[(client + n * 7) % URLS.length]}?utm_source=tv&utm_medium=${client}`, agent));
      }
      return answers;
    });
    const answers = (await Promise.all(clients)).flat();
    assert.equal(answers.length, CLIENTS * REQUESTS_PER_CLIENT);
    assert.ok(answers.every((res) => res.status === 200));
    assert.ok(answers.every((res) => res.headers['surrogate-key'] === undefined));
    for (const path of URLS) assert.equal(origin.count(path), 1, path);
    const misses = answers.filter((res) => res.headers['x-cache'] === 'MISS').length;
    assert.equal(misses, URLS.length, 'one miss per page; every other answer came from the cache');

    // past the TTL, one more request per page, however many ask
    clock.advance(61);
    await Promise.all(URLS.flatMap((path) => Array.from({ length: 10 }, () => get(base, path, agent))));
    for (const path of URLS) assert.equal(origin.count(path), 2, path);
  });

  it('with the origin stopped, cached pages are served stale and the rest get a friendly 503 with the request id', async () => {
    await origin.stop();
    clock.advance(120);
    const cached = await Promise.all(URLS.map((path) => get(base, path, agent)));
    for (const res of cached) {
      assert.equal(res.status, 200);
      assert.equal(res.headers['x-cache'], 'STALE');
      assert.match(String(res.headers['cache-status']), /fwd=stale; detail=stale-if-error/);
      assert.match(res.body, /<h1>Hotel \d+<\/h1>/);
    }
    const uncached = await get(base, UNCACHED, agent);
    assert.equal(uncached.status, 503);
    assert.match(String(uncached.headers['content-type']), /^text\/html/);
    const requestId = String(uncached.headers['x-request-id']);
    assert.ok(requestId.length > 0);
    assert.ok(uncached.body.includes(requestId), 'the page shows the request id support can search for');
  });
});
