import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { defineErrorCodes } from '@hatago/platform/errors';
import { eventually } from './cache.contract.ts';
import { claimAttempt, type RateLimiter } from './rate-limiter.ts';

export interface RateLimiterFixture {
  /** Two limiters sharing one store, as two instances do (or the same one twice in memory). */
  limiters: [RateLimiter, RateLimiter];
  dispose(): Promise<void>;
}

const TestErrors = defineErrorCodes('TOO_MANY');

let unique = 0;
const fresh = (name: string) => `contract:${process.pid}:${Date.now()}:${unique++}:${name}`;

/** What every RateLimiter must do; the memory, Redis and database ones run it. */
export function rateLimiterContract(adapter: string, setup: () => Promise<RateLimiterFixture>): void {
  describe(`rate limiter contract: ${adapter}`, { timeout: 20_000 }, () => {
    let fixture: RateLimiterFixture;
    let a: RateLimiter;
    let b: RateLimiter;
    before(async () => {
      fixture = await setup();
      [a, b] = fixture.limiters;
    });
    after(() => fixture.dispose());

    it('counts attempts per key, shared by every instance', async () => {
      const [key, other] = [fresh('count'), fresh('other')];
      assert.equal(await a.hit(key, 60_000), 1);
      assert.equal(await b.hit(key, 60_000), 2);
      assert.equal(await a.hit(key, 60_000), 3);
      assert.equal(await b.hit(other, 60_000), 1);
    });

    it('counts every one of many concurrent attempts exactly once', async () => {
      const key = fresh('burst');
      const counts = await Promise.all(Array.from({ length: 40 }, (_, i) => (i % 2 ? a : b).hit(key, 60_000)));
      assert.deepEqual(
        counts.sort((x, y) => x - y),
        Array.from({ length: 40 }, (_, i) => i + 1),
      );
    });

    it('refuses attempts past the limit with rate_limited', async () => {
      const attempt = { key: fresh('claim'), limit: 2, windowMs: 60_000, code: TestErrors.TOO_MANY, message: 'Slow down' };
      await claimAttempt(a, attempt);
      await claimAttempt(b, attempt);
      await assert.rejects(claimAttempt(a, attempt), (e: { kind?: string; code?: string }) => e.kind === 'rate_limited' && e.code === 'TOO_MANY');
    });

    it('takes attempts back without going below zero, and resets', async () => {
      const key = fresh('refund');
      await a.hit(key, 60_000);
      await a.hit(key, 60_000);
      await b.refund(key);
      assert.equal(await a.hit(key, 60_000), 2);
      await b.reset(key);
      await a.refund(key);
      await a.refund(key);
      assert.equal(await b.hit(key, 60_000), 1, 'a refund of nothing leaves nothing to go below');
    });

    it('starts a new window after the old one ended', async () => {
      const key = fresh('window');
      assert.equal(await a.hit(key, 60), 1);
      await eventually(async () => (await b.hit(key, 60)) === 1, 'a new window began');
    });
  });
}
