import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { Writable } from 'node:stream';
import { EdgeCache } from '@hatago/http-cache';
import { listen, oneCachedRouteRules, request, startOrigin, type TestOrigin } from '@hatago/http-cache/testing';
import { createEdgePurgeClient } from '@hatago/platform/edge';
import { createLogger } from '@hatago/platform/logging';
import { createEdgeServer, type EdgeServer } from '../../src/edge-server.ts';

const TOKEN = 'purge-test-token-0123456789';

const rules = oneCachedRouteRules({
  name: 'pages',
  match: { pathPrefix: '/', methods: ['GET', 'HEAD'] },
  cache: { ttl: 'origin', graceSeconds: 0, key: { query: ['area'], locale: false, device: false } },
});

const TAGS: Record<string, string> = { '/hotels/1': 'hotel-1 area-1', '/hotels/2': 'hotel-2 area-1', '/search': 'search', '/banners': 'banners' };

describe('purge API on the admin listener, and the apps’ purge client', () => {
  let origin: TestOrigin;
  let edge: EdgeServer;
  let base: string;
  let admin: string;
  const warnings: string[] = [];
  // the client's log lines, so the test sees what a failed purge reports
  const logger = createLogger(
    'purge-client',
    'warn',
    new Writable({
      write(chunk: Buffer, _encoding, done) {
        warnings.push(chunk.toString());
        done();
      },
    }),
  );

  before(async () => {
    origin = await startOrigin();
    for (const [path, tags] of Object.entries(TAGS)) {
      origin.route(path, (_req, res, count) => {
        res.writeHead(200, { 'cache-control': 'max-age=600, stale-while-revalidate=60', 'surrogate-key': tags });
        res.end(`${path} ${count}`);
      });
    }
    edge = createEdgeServer({
      rules,
      instances: { site: [origin.url] },
      logger: createLogger('edge-purge', 'silent'),
      accessLog: false,
      probes: false,
      adminToken: TOKEN,
      cache: new EdgeCache(),
    });
    base = (await listen(edge.server)).origin;
    admin = (await listen(edge.adminServer!)).origin;
  });
  after(async () => {
    await edge.close();
    await origin.stop();
  });

  const xCache = async (path: string) => (await request(base + path)).headers['x-cache'];
  const warmAll = async () => {
    for (const path of ['/hotels/1', '/hotels/2', '/search?area=1', '/search?area=2', '/banners']) await request(base + path);
  };
  const purge = (path: string, token = TOKEN) => request(admin + path, { method: 'POST', headers: { authorization: `Bearer ${token}` } });

  it('refuses without the bearer token and purges nothing', async () => {
    await warmAll();
    assert.equal((await purge('/purge/all', 'not-the-token-at-all')).status, 401);
    assert.equal((await request(`${admin}/purge/all`, { method: 'POST' })).status, 401);
    assert.equal(await xCache('/hotels/1'), 'HIT');
  });

  it('purges by key, by URL (normalised like the route key) and everything', async () => {
    await warmAll();
    const byKey = await purge('/purge/key/area-1');
    assert.equal(byKey.status, 200);
    assert.deepEqual(JSON.parse(byKey.body.toString()), { purged: 2 });
    assert.equal(await xCache('/hotels/1'), 'MISS');
    assert.equal(await xCache('/hotels/2'), 'MISS');
    assert.equal(await xCache('/banners'), 'HIT');
    assert.deepEqual(JSON.parse((await purge('/purge/url/search?utm_source=tv&area=1')).body.toString()), { purged: 1 });
    assert.equal(await xCache('/search?area=1'), 'MISS');
    assert.equal(await xCache('/search?area=2'), 'HIT');
    assert.equal((await purge('/purge/all')).status, 200);
    assert.equal(await xCache('/banners'), 'MISS');
  });

  it('soft purge serves the old copy stale while it is refetched', async () => {
    await warmAll();
    assert.deepEqual(JSON.parse((await purge('/purge/key/banners?soft=1')).body.toString()), { purged: 1 });
    const stale = await request(`${base}/banners`);
    assert.equal(stale.headers['x-cache'], 'STALE');
  });

  it('the purge client purges each key once and never fails its caller, even with the edge gone', async () => {
    await warmAll();
    const client = createEdgePurgeClient({ url: `${admin}/`, token: TOKEN, logger });
    await client.purgeKeys(['hotel-2', 'hotel-2', 'search']);
    assert.equal(await xCache('/hotels/2'), 'MISS');
    assert.equal(await xCache('/search?area=2'), 'MISS');
    assert.equal(await xCache('/hotels/1'), 'HIT');

    await createEdgePurgeClient({ url: admin, token: 'a-wrong-token-of-length', logger }).purgeKeys(['hotel-1']);
    assert.ok(warnings.some((line) => line.includes('edge purge refused') && line.includes('"status":401')));
    assert.equal(await xCache('/hotels/1'), 'HIT');

    // nothing listens on port 1: the connection is refused
    await createEdgePurgeClient({ url: 'http://127.0.0.1:1', token: TOKEN, logger }).purgeKeys(['hotel-1']);
    assert.ok(warnings.some((line) => line.includes('edge purge failed')));
  });
});
