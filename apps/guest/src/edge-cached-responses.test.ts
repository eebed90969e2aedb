import assert from 'node:assert/strict';
import type { IncomingHttpHeaders } from 'node:http';
import { before, describe, it } from 'node:test';
import CachePolicy from 'http-cache-semantics';
import { sql } from 'kysely';
import { BannerChanges, publishBannerDocument } from '@hatago/banners';
import { isSyntheticRoute } from '@hatago/edge-rules';
import { edgeView, TARGETED_FIELD_PATTERN } from '@hatago/http-cache';
import { storeImage } from '@hatago/images';
import { sampleJpeg } from '@hatago/images/testing';
import { appUnderTest, futureDate } from '@hatago/test-support';
import hatagoRules from '../../../config/edge.ts';
import { HotelSearchQuerystring } from './api/api-schemas.ts';
import { buildGuestApp } from './guest-app.ts';

/**
 * The edge is purged by Surrogate-Key within a second of a change; browsers are purged by
 * nobody. So every answer the edge caches from the guest app and purges by key must make a
 * browser ask again each time, and tell the edge its own lifetime in a field only the edge reads.
 */
describe('what the edge caches from the guest app and purges by key, browsers revalidate', () => {
  const NOW = Date.now();
  const ctx = appUnderTest((deps) => buildGuestApp({ ...deps, clock: () => new Date(NOW) }));
  const checkin = futureDate(5);
  const date = futureDate(9);
  const stay = `checkin=${checkin}&nights=1&guests=2&rooms=1`;
  /** One guest request, without cookies, for each route config/edge.ts caches from the guest app. */
  let samples: string[] = [];

  before(async () => {
    const { key } = await storeImage(ctx.deps.storage, await sampleJpeg(400, 300), { owner: 'hotel-1' });
    const { rows } = await sql<{ id: number }>`select id from restaurants order by id limit 1`.execute(ctx.db.database.db);
    const restaurant = rows[0]!.id;
    // a hero that starts in 25 s: the home page and the banner answer must leave the edge by then
    const at = (seconds: number) => new Date(NOW + seconds * 1000).toISOString();
    const hero = { id: 'soon', slot: 'home-hero', image: 'https://images.example/a.jpg', link: '/', alt: { ja: '春', en: 'Spring' }, caption: { ja: '春', en: 'Spring' }, priority: 1 };
    const text = JSON.stringify({ banners: [{ ...hero, start: at(25), end: at(3600) }] });
    await publishBannerDocument({ db: ctx.db.database.db, changes: new BannerChanges(ctx.deps.cache) }, text, { actor: { id: 3, name: 'Demo Editor' }, requestId: 'test' });
    samples = [
      '/api/v1/areas',
      '/api/v1/openapi.json',
      `/api/v1/hotels?area=kyoto&${stay}`,
      `/api/v1/hotels/1?${stay}`,
      `/api/v1/restaurants?date=${date}&party=2`,
      `/api/v1/restaurants/${restaurant}?date=${date}&party=2`,
      '/api/v1/banners?lang=en',
      '/api/v1/banners/schema.json',
      `/search?area=kyoto&${stay}`,
      `/hotels/1?${stay}&lang=en`,
      `/restaurants?date=${date}&party=2`,
      `/restaurants/${restaurant}?date=${date}&party=2`,
      '/',
      '/?lang=en',
      `/images/${key}?w=320`,
      '/assets/account-status.js',
      '/terms',
      '/privacy?lang=en',
    ];
  });

  const get = (url: string) => ctx.app.inject({ method: 'GET', url });
  const pathOf = (url: string) => new URL(url, 'http://guest.invalid').pathname;
  const matches = (route: (typeof hatagoRules.routes)[number], path: string) =>
    route.match.pathPattern !== undefined ? new RegExp(route.match.pathPattern).test(path) : path.startsWith(route.match.pathPrefix ?? '/');

  it('walks every route the edge caches from the guest app', () => {
    // by path alone: the cached guest routes match on path and method, and these requests carry no cookie
    const cached = hatagoRules.routes.filter((route) => !isSyntheticRoute(route) && route.backend === 'guest' && route.cache !== 'pass');
    for (const route of cached) assert.ok(samples.some((url) => matches(route, pathOf(url))), `no sample request for the cached route ${route.name}`);
    for (const url of samples) assert.ok(cached.some((route) => matches(route, pathOf(url))), `${url} is not a cached route`);
  });

  it('keys the hotel search page and API by every filter and sort they read', () => {
    // a name the key leaves out is dropped on the way to the origin: every choice of it would answer the same page
    for (const name of ['search', 'api-hotel-search']) {
      const route = hatagoRules.routes.find((r) => r.name === name);
      assert.ok(route && !isSyntheticRoute(route) && route.cache !== 'pass', name);
      const kept = route.cache.key.query;
      assert.ok(Array.isArray(kept), name);
      for (const param of Object.keys(HotelSearchQuerystring)) assert.ok(kept.includes(param), `${name} keeps ${param}`);
    }
  });

  it('keys every cached API route by every query parameter its OpenAPI document names', async () => {
    // the class of the search filters above, for every API answer the edge stores
    const openapi = (await get('/api/v1/openapi.json')).json() as {
      paths: Record<string, Record<string, { parameters?: Array<{ in: string; name: string }> }>>;
    };
    const checked: string[] = [];
    const dropped: string[] = [];
    for (const [template, operations] of Object.entries(openapi.paths)) {
      const query = (operations.get?.parameters ?? []).filter((p) => p.in === 'query').map((p) => p.name);
      const path = template.replace(/\{[^}]+\}/g, '1');
      const route = hatagoRules.routes.find((r) => !isSyntheticRoute(r) && matches(r, path) && (r.match.methods ?? ['GET']).includes('GET'));
      if (!route || isSyntheticRoute(route) || route.cache === 'pass' || query.length === 0) continue;
      const kept = route.cache.key.query;
      checked.push(template);
      if (!Array.isArray(kept)) continue; // 'sorted' or 'as-sent' keep every parameter
      for (const name of query) if (!kept.includes(name)) dropped.push(`${template} ${name} (rule ${route.name})`);
    }
    assert.deepEqual(dropped, [], 'parameters the edge drops on the way to the origin');
    assert.ok(checked.includes('/api/v1/hotels') && checked.includes('/api/v1/areas'), checked.join(', '));
  });

  it('makes browsers revalidate every answer carrying a Surrogate-Key, and gives the edge a lifetime it reads', async () => {
    const keyed: string[] = [];
    for (const url of samples) {
      const res = await get(url);
      assert.equal(res.statusCode, 200, `${url}: ${res.body.slice(0, 200)}`);
      if (res.headers['surrogate-key'] === undefined) continue;
      keyed.push(pathOf(url));
      const request = { url, method: 'GET', headers: { 'cache-control': 'max-stale=3600' } };
      const response = { status: res.statusCode, headers: res.headers as CachePolicy.Headers };
      const browser = new CachePolicy(request, response, { shared: false });
      assert.equal(browser.satisfiesWithoutRevalidation(request), false, `${url}: a browser may reuse ${res.headers['cache-control']} without asking`);

      const edgeField = String(res.headers['hatago-cache-control']);
      assert.match(edgeField, new RegExp(TARGETED_FIELD_PATTERN), `${url}: the edge cannot read Hatago-Cache-Control ${edgeField}`);
      const edge = new CachePolicy(request, { ...response, headers: edgeView(res.headers as IncomingHttpHeaders) as CachePolicy.Headers }, { shared: true });
      assert.equal(edge.storable(), true, url);
      assert.ok(edge.maxAge() > 0, `${url}: the edge keeps it (${edgeField})`);
      if (pathOf(url) === '/' || pathOf(url) === '/api/v1/banners') assert.equal(edge.maxAge(), 25, `${url}: kept no longer than the hero's start`);
      else assert.ok(edge.maxAge() >= 30, `${url}: ${edgeField}`);
    }
    // changed only by a deploy (the legal pages too): nothing purges them, their short lifetime runs out
    const unkeyed = ['/api/v1/openapi.json', '/api/v1/banners/schema.json', '/images/', '/assets/', '/terms', '/privacy'];
    assert.deepEqual(
      samples.map(pathOf).filter((path) => !unkeyed.some((prefix) => path.startsWith(prefix))),
      keyed,
      'every page and catalogue, dining and banner answer is purged by key',
    );
  });

  it('lets no shared cache keep who is signed in: the edge passes the status and its answer is no-store', async () => {
    const url = '/account/status';
    // the first route matching by path alone: a request without the member cookie
    const route = hatagoRules.routes.find((r) => r.match.cookie === undefined && matches(r, url));
    assert.ok(route && !isSyntheticRoute(route) && route.cache === 'pass', `${url} goes by ${route?.name}`);
    const res = await get(url);
    assert.equal(res.headers['cache-control'], 'private, no-store');
    const request = { url, method: 'GET', headers: {} };
    assert.equal(new CachePolicy(request, { status: res.statusCode, headers: res.headers as CachePolicy.Headers }, { shared: true }).storable(), false);
  });
});
