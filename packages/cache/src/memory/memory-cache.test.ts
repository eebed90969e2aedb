import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { cacheContract } from '../cache.contract.ts';
import { rateLimiterContract } from '../rate-limiter.contract.ts';
import { MemoryCache } from './memory-cache.ts';
import { MemoryRateLimiter } from './memory-rate-limiter.ts';

cacheContract('memory', async () => {
  const cache = new MemoryCache();
  return { caches: [cache, cache], dispose: () => cache.close() };
});

rateLimiterContract('memory', async () => {
  const limiter = new MemoryRateLimiter();
  return { limiters: [limiter, limiter], dispose: async () => undefined };
});

describe('memory cache bounds', () => {
  it('evicts the least recently used entries past its size', async () => {
    const cache = new MemoryCache({ maxEntries: 2 });
    await cache.set('a', '1', 60_000);
    await cache.set('b', '2', 60_000);
    await cache.get('a');
    await cache.set('c', '3', 60_000);
    assert.equal(await cache.get('b'), undefined);
    assert.equal(await cache.get('a'), '1');
    assert.equal(await cache.get('c'), '3');
  });

  it('expires by its own clock, which tests can run ahead', async () => {
    let now = 1_000;
    const cache = new MemoryCache({ now: () => now });
    await cache.set('k', 'v', 500);
    now += 499;
    assert.equal(await cache.get('k'), 'v');
    now += 2;
    assert.equal(await cache.get('k'), undefined);
  });
});
