import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { EdgeCache } from '@hatago/http-cache';
import { fuzzedHeaders, generator, listen, manualClock, oneCachedRouteRules, type RawHeaders, request, startOrigin, type TestOrigin } from '@hatago/http-cache/testing';
import { createLogger } from '@hatago/platform/logging';
import { createEdgeServer, type EdgeServer } from '../../src/edge-server.ts';

/**
 * Duplicated and malformed response headers through the whole edge: a real origin writes
 * them as separate lines, undici hands them over, the route's rewrites and the cache read
 * them. Whatever the origin says, the edge itself never answers 5xx.
 */

const SEEDS = 120;

describe('origin response headers repeated or malformed, through the whole edge', () => {
  let origin: TestOrigin;
  let edge: EdgeServer;
  let base: string;
  const clock = manualClock();

  before(async () => {
    origin = await startOrigin();
    origin.route('/readyz', (_req, res) => res.end('ok'));
    for (let seed = 1; seed <= SEEDS; seed++) {
      const random = generator(seed);
      const full = fuzzedHeaders(random);
      const notModified = fuzzedHeaders(random);
      origin.route(`/fuzz-${seed}`, (req, res) => {
        const conditional = req.headers['if-none-match'] !== undefined || req.headers['if-modified-since'] !== undefined;
        const headers: RawHeaders = conditional ? notModified : full;
        for (const [name, value] of Object.entries(headers)) res.setHeader(name, value);
        res.setHeader('x-powered-by', 'origin');
        res.writeHead(conditional ? 304 : 200, { 'content-type': 'text/plain' });
        res.end(conditional ? undefined : `page ${seed} `.repeat(40));
      });
    }
    const rules = oneCachedRouteRules({ name: 'fuzz', match: { pathPattern: '^/fuzz-[0-9]+$' }, cache: { ttl: 'origin', graceSeconds: 30, key: { query: [], locale: false, device: false } } });
    edge = createEdgeServer({
      rules: { ...rules, headers: { request: [], response: [{ remove: 'x-powered-by' }, { set: 'x-content-type-options', value: 'nosniff' }] } },
      instances: { site: [origin.url] },
      logger: createLogger('origin-header-fuzz', 'silent'),
      accessLog: false,
      probes: false,
      cache: new EdgeCache({ now: clock.now }),
    });
    base = (await listen(edge.server)).origin;
  });
  after(async () => {
    await edge.close();
    await origin.stop();
  });

  it('answers every miss, hit and revalidation with the page, never a 5xx of its own', async () => {
    for (const headers of [{}, { 'accept-encoding': 'gzip, br', 'accept-language': 'en' }] as Array<Record<string, string>>) {
      for (const step of [0, 0, 120]) {
        clock.advance(step);
        for (let seed = 1; seed <= SEEDS; seed++) {
          const answer = await request(`${base}/fuzz-${seed}`, { headers });
          // the origin answers every page 200 (a 304 only to the edge's own revalidation)
          assert.equal(answer.status, 200, `seed ${seed}: ${answer.body.toString().slice(0, 200)}`);
        }
      }
    }
  });
});
