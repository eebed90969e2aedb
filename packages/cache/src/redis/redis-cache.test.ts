import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { cacheContract, eventually } from '../cache.contract.ts';
import { cached } from '../cached.ts';
import { FallbackRateLimiter } from '../fallback-rate-limiter.ts';
import { MemoryRateLimiter } from '../memory/memory-rate-limiter.ts';
import { rateLimiterContract } from '../rate-limiter.contract.ts';
import { startRedisServer, testKeyPrefix, testRedisUrl, type RedisServer } from '../testing/test-redis.ts';
import { RedisCache } from './redis-cache.ts';
import { RedisRateLimiter } from './redis-rate-limiter.ts';

cacheContract('redis', async () => {
  const url = await testRedisUrl();
  const keyPrefix = testKeyPrefix();
  const caches: [RedisCache, RedisCache] = [new RedisCache({ url, keyPrefix }), new RedisCache({ url, keyPrefix })];
  await Promise.all(caches.map((c) => c.ready()));
  return { caches, dispose: async () => void (await Promise.all(caches.map((c) => c.close()))) };
});

rateLimiterContract('redis', async () => {
  const url = await testRedisUrl();
  const keyPrefix = testKeyPrefix();
  const limiters: [RedisRateLimiter, RedisRateLimiter] = [new RedisRateLimiter({ url, keyPrefix }), new RedisRateLimiter({ url, keyPrefix })];
  await Promise.all(limiters.map((l) => l.ready()));
  return { limiters, dispose: async () => void (await Promise.all(limiters.map((l) => l.close()))) };
});

describe('when Redis fails, the cache degrades to the database', { timeout: 30_000 }, () => {
  let server: RedisServer;
  let cache: RedisCache;
  let loads = 0;
  const load = async () => ({ hotel: 'Hatago Kyoto', loads: ++loads });
  const entry = { key: 'hotel-page:1', namespaces: ['hotel:1'] };

  before(async () => {
    server = await startRedisServer();
    cache = new RedisCache({ url: server.url, commandTimeoutMs: 100 });
    await cache.ready();
  });
  after(async () => {
    await cache.close();
    await server.kill();
  });

  it('serves from the cache while Redis answers', async () => {
    assert.deepEqual(await cached(cache, entry, 60_000, load), { hotel: 'Hatago Kyoto', loads: 1 });
    assert.deepEqual(await cached(cache, entry, 60_000, load), { hotel: 'Hatago Kyoto', loads: 1 });
    assert.equal(cache.telemetry.failing, false);
  });

  it('loads from the database when Redis hangs (commands time out)', async () => {
    server.pause();
    try {
      assert.deepEqual(await cached(cache, { key: 'other-page', namespaces: ['hotel:2'] }, 60_000, load), { hotel: 'Hatago Kyoto', loads: 2 });
      assert.equal(cache.telemetry.failing, true);
    } finally {
      server.resume();
    }
  });

  it('loads from the database when Redis was killed, counting every failure', async () => {
    await server.kill();
    const before = loads;
    for (let i = 0; i < 3; i++) assert.equal((await cached(cache, entry, 60_000, load)).loads, before + i + 1);
    await cache.publishInvalidation({ namespaces: ['hotel:1'] }).then(
      () => assert.fail('an invalidation cannot reach a dead Redis'),
      (error: Error) => assert.ok(error instanceof Error),
    );
    const text = await cache.telemetry.registry.metrics();
    assert.match(text, /cache_reads_total\{backend="redis",outcome="error"\} [4-9]/);
    assert.match(text, /cache_reads_total\{backend="redis",outcome="hit"\} 1/);
    assert.match(text, /cache_errors_total\{backend="redis",operation="get"\} [4-9]/);
  });

  it('recovers by itself when Redis comes back', async () => {
    server = await startRedisServer(server.port);
    await eventually(() => cache.ping().then(() => true, () => false), 'the cache reconnected', 500);
    const first = await cached(cache, entry, 60_000, load);
    assert.deepEqual(await cached(cache, entry, 60_000, load), first, 'the second read is a hit again');
    assert.equal(cache.telemetry.failing, false);
  });

  it('counts attempts on the fallback limiter when Redis is down', async () => {
    const broken = new RedisRateLimiter({ url: 'redis://127.0.0.1:1', commandTimeoutMs: 100 });
    const fallback = new MemoryRateLimiter();
    const limiter = new FallbackRateLimiter(broken, fallback, cache.telemetry);
    try {
      assert.equal(await limiter.hit('login:x', 60_000), 1);
      assert.equal(await limiter.hit('login:x', 60_000), 2);
      assert.equal(await fallback.hit('login:x', 60_000), 3, 'the fallback did the counting');
    } finally {
      await broken.close();
    }
  });
});
