import assert from 'node:assert/strict';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { type Cache, CacheTelemetry, FallbackRateLimiter, type RateLimiter } from '@hatago/cache';
import { nextInvalidation } from '@hatago/cache/contract';
import { RedisCache, RedisRateLimiter } from '@hatago/cache/redis';
import { startRedisServer, testKeyPrefix, testRedisUrl, type RedisServer } from '@hatago/cache/testing';
import { DEMO_PASSWORD } from '@hatago/demo-data';
import { buildFacilityApp } from '@hatago/facility';
import { buildGuestApp } from '@hatago/guest';
import { DatabaseRateLimiter, THROTTLE } from '@hatago/identity';
import type { HttpApp } from '@hatago/platform/http';
import { LocalStorage, UrlSignature } from '@hatago/storage';
import { cookieFrom, createTestDatabase, futureDate, METRICS_AUTH, type TestDatabase, testAppDeps, testDatabaseTargets } from '@hatago/test-support';

/**
 * Several instances of the apps sharing one Redis, as in distributed mode: each instance
 * has connections of its own (a RedisCache or RedisRateLimiter per instance), and they
 * meet only in Redis and the database.
 */
const FORM = { 'content-type': 'application/x-www-form-urlencoded' };
const stayOf = (checkin: string) => `checkin=${checkin}&nights=1&guests=2&rooms=1`;

describe('instances sharing Redis', { timeout: 120_000 }, () => {
  let db: TestDatabase;
  let redisUrl: string;
  let keyPrefix: string;
  const closing: Array<{ close(): Promise<unknown> }> = [];
  const cacheOf = () => {
    const cache = new RedisCache({ url: redisUrl, keyPrefix });
    closing.push(cache);
    return cache;
  };
  const limiterOf = async () => {
    const redis = new RedisRateLimiter({ url: redisUrl, keyPrefix });
    closing.push(redis);
    // connected first: a limiter that cannot reach Redis yet counts in the database instead
    await redis.ready();
    return new FallbackRateLimiter(redis, new DatabaseRateLimiter(db.database.db), new CacheTelemetry('redis'));
  };
  const guestInstance = async (cache: Cache, rateLimiter: RateLimiter, extra: { bookingAttemptsPerMinute?: number } = {}) => {
    const app = await buildGuestApp({ ...testAppDeps(db.database), cache, rateLimiter, ...extra });
    closing.push(app);
    return app;
  };

  before(async () => {
    db = await createTestDatabase(testDatabaseTargets().at(-1)!);
    redisUrl = await testRedisUrl();
    keyPrefix = testKeyPrefix();
  });
  after(async () => {
    for (const part of closing.reverse()) await part.close();
    await db.dispose();
  });

  it("shows a price changed through facility instance B on guest instance A's next read", async () => {
    const checkin = futureDate(9);
    const { rows } = await sql<{ hotel_id: number; plan_id: number }>`
      select rt.hotel_id, rp.id as plan_id from rate_plans rp join room_types rt on rt.id = rp.room_type_id
      where rp.active order by rt.hotel_id, rp.id limit 1`.execute(db.database.db);
    const { hotel_id: hotelId, plan_id: planId } = rows[0]!;
    const cacheA = cacheOf();
    const guestA = await guestInstance(cacheA, await limiterOf());
    const cacheB = cacheOf();
    await Promise.all([cacheA.ready(), cacheB.ready()]);
    const facilityB = await buildFacilityApp({
      ...testAppDeps(db.database),
      cache: cacheB,
      rateLimiter: await limiterOf(),
      storage: new LocalStorage({ root: path.join(tmpdir(), 'hatago-shared-redis-unused'), signature: new UrlSignature('x'.repeat(32)), urlPrefix: '/facility/files/' }),
    });
    closing.push(facilityB);

    const priceOnA = async () => {
      const offer = (await guestA.inject(`/api/v1/hotels/${hotelId}?${stayOf(checkin)}`)).json();
      return offer.roomTypes.flatMap((rt: { plans: Array<{ id: number; totalPrice: number }> }) => rt.plans).find((p: { id: number }) => p.id === planId).totalPrice;
    };
    const hits = () => cacheA.telemetry.metrics.reads.get().then((m) => m.values.find((v) => v.labels.outcome === 'hit')?.value ?? 0);
    const before = await priceOnA();
    const hitsBefore = await hits();
    assert.equal(await priceOnA(), before);
    assert.ok((await hits()) > hitsBefore, 'A served the second read from Redis');

    const login = await facilityB.inject({
      method: 'POST',
      url: '/facility/login',
      headers: FORM,
      payload: new URLSearchParams({ login: `facility-${hotelId}`, password: DEMO_PASSWORD, next: '/facility/' }).toString(),
    });
    assert.equal(login.statusCode, 303);
    const heardByA = nextInvalidation(cacheA);
    const changed = await facilityB.inject({
      method: 'POST',
      url: `/facility/inventory/bulk`,
      headers: { ...FORM, cookie: cookieFrom(login.headers['set-cookie']), origin: 'http://localhost' },
      payload: new URLSearchParams({ from: checkin, to: checkin, [`price_${planId}`]: String(before + 777) }).toString(),
    });
    assert.equal(changed.statusCode, 303, changed.body);
    assert.deepEqual((await heardByA).event, { type: 'catalog-change', hotelId, kind: 'prices' });
    assert.equal(await priceOnA(), before + 777);
  });

  it('counts booking and login attempts once across instances', async () => {
    const a = await guestInstance(cacheOf(), await limiterOf(), { bookingAttemptsPerMinute: 3 });
    const b = await guestInstance(cacheOf(), await limiterOf(), { bookingAttemptsPerMinute: 3 });
    const book = (app: HttpApp, i: number) =>
      app.inject({
        method: 'POST',
        url: '/api/v1/reservations',
        headers: { 'idempotency-key': `shared-limit-${i}`, 'x-forwarded-for': '198.51.100.40' },
        payload: { planId: 2147483000, checkin: futureDate(3), nights: 1, guests: 1, rooms: 1, acceptTerms: true, guest: { name: '佐藤 花子', email: 'h@example.com', phone: '+81 90 1234 5678' } },
      });
    assert.deepEqual([(await book(a, 0)).statusCode, (await book(b, 1)).statusCode, (await book(a, 2)).statusCode], [404, 404, 404]);
    const refused = await book(b, 3);
    assert.equal(refused.statusCode, 429);
    assert.equal(refused.json().code, 'BOOKING_THROTTLED');

    const login = (app: HttpApp, i: number) =>
      app.inject({
        method: 'POST',
        url: '/login',
        headers: { ...FORM, 'x-forwarded-for': '198.51.100.50' },
        payload: new URLSearchParams({ email: 'member@example.com', password: `wrong ${i}` }).toString(),
      });
    for (let i = 0; i < THROTTLE.perAccountAndClient; i++) assert.equal((await login(i % 2 ? b : a, i)).statusCode, 401);
    assert.equal((await login(a, 99)).statusCode, 429, 'the client is throttled on the account on every instance');
    const { rows } = await sql<{ n: number }>`select count(*)::int as n from login_throttle where key like 'account:member:%'`.execute(db.database.db);
    assert.equal(rows[0]!.n, 0, 'Redis counted them, not the database');
  });
});

describe('a guest instance whose Redis dies', { timeout: 60_000 }, () => {
  let db: TestDatabase;
  let server: RedisServer;
  let cache: RedisCache;
  let limiter: RedisRateLimiter;
  let app: HttpApp;

  before(async () => {
    db = await createTestDatabase(testDatabaseTargets()[0]!);
    server = await startRedisServer();
    cache = new RedisCache({ url: server.url, commandTimeoutMs: 100 });
    limiter = new RedisRateLimiter({ url: server.url, commandTimeoutMs: 100 });
    await Promise.all([cache.ready(), limiter.ready()]);
    app = await buildGuestApp({
      ...testAppDeps(db.database),
      cache,
      rateLimiter: new FallbackRateLimiter(limiter, new DatabaseRateLimiter(db.database.db), cache.telemetry),
    });
  });
  after(async () => {
    await app.close();
    await Promise.all([cache.close(), limiter.close()]);
    await server.kill();
    await db.dispose();
  });

  it('keeps serving pages and bookings from the database, and stays ready', async () => {
    const checkin = futureDate(6);
    const pages = [`/`, `/search?area=tokyo&${stayOf(checkin)}`, `/hotels/1?${stayOf(checkin)}`, `/api/v1/hotels?${stayOf(checkin)}`, `/api/v1/hotels/1?${stayOf(checkin)}`];
    const warm = await Promise.all(pages.map((url) => app.inject(url)));
    assert.deepEqual(warm.map((r) => r.statusCode), pages.map(() => 200));
    assert.equal((await app.inject('/readyz')).statusCode, 200);

    await server.kill();
    const cold = await Promise.all(pages.map((url) => app.inject(url)));
    assert.deepEqual(cold.map((r) => r.statusCode), pages.map(() => 200), 'every page still answers');
    assert.deepEqual(cold.map((r) => r.body.replace(/[0-9a-f-]{36}/g, '')), warm.map((r) => r.body.replace(/[0-9a-f-]{36}/g, '')), 'with the same content, from the database');
    assert.equal((await app.inject('/readyz')).statusCode, 200, 'a cache that died later does not take the instance out');

    const offer = (await app.inject(`/api/v1/hotels/1?${stayOf(checkin)}`)).json();
    const plan = offer.roomTypes.find((rt: { available: number }) => rt.available > 0).plans[0];
    const booked = await app.inject({
      method: 'POST',
      url: '/api/v1/reservations',
      headers: { 'idempotency-key': 'redis-dead-0001' },
      payload: { planId: plan.id, checkin, nights: 1, guests: 2, rooms: 1, acceptTerms: true, guest: { name: '佐藤 花子', email: 'h@example.com', phone: '+81 90 1234 5678' } },
    });
    assert.equal(booked.statusCode, 201, 'booking attempts are counted in the database meanwhile');
    const metrics = (await app.inject({ url: '/metrics', headers: METRICS_AUTH })).body;
    assert.match(metrics, /cache_errors_total\{backend="redis",operation="get"\} [1-9]/);
    assert.match(metrics, /cache_errors_total\{backend="redis",operation="rate-limit"\} [1-9]/);
  });
});
