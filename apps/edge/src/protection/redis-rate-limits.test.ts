import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { testKeyPrefix, testRedisUrl } from '@hatago/cache/testing';
import { createLogger } from '@hatago/platform/logging';
import { LocalRateLimits } from './rate-limits.ts';
import { RedisRateLimits } from './redis-rate-limits.ts';

describe('per-client rate limits counted in Redis', () => {
  const logins = { name: 'logins', requests: 3, windowSeconds: 60 };
  const bookings = { name: 'bookings', requests: 10, windowSeconds: 60 };
  const logger = createLogger('rate-limits-test', 'silent');
  let url: string;
  const opened: RedisRateLimits[] = [];
  /** An edge instance's counter: each its own connection and fallback, one key prefix for the test. */
  const instance = (keyPrefix: string, redisUrl = url) => {
    const limits = new RedisRateLimits({ url: redisUrl, fallback: new LocalRateLimits(), logger, keyPrefix });
    opened.push(limits);
    return limits;
  };

  before(async () => {
    url = await testRedisUrl();
  });
  after(() => {
    for (const limits of opened) limits.close();
  });

  it('counts a client once across edge instances, names the refusing limit and its wait, and each client apart', async () => {
    const prefix = testKeyPrefix();
    const [a, b] = [instance(prefix), instance(prefix)];
    await Promise.all([a.ready(), b.ready()]);
    assert.equal(await a.take([logins], '192.0.2.1'), undefined);
    assert.equal(await b.take([logins], '192.0.2.1'), undefined);
    assert.equal(await a.take([logins], '192.0.2.1'), undefined);
    assert.deepEqual(await b.take([logins], '192.0.2.1'), { limit: 'logins', retryAfter: 20 }, 'the fourth, on either instance');
    assert.deepEqual(await a.take([bookings, logins], '192.0.2.1'), { limit: 'logins', retryAfter: 20 }, 'the first refusal in rule order');
    assert.equal(await b.take([logins], '192.0.2.2'), undefined, 'another client has its own bucket');
  });

  it('counts in the fallback while Redis does not answer, neither refusing everyone nor letting everyone through', async () => {
    const unreachable = instance(testKeyPrefix(), 'redis://127.0.0.1:1');
    const answers = [];
    for (let i = 0; i < 4; i++) answers.push(await unreachable.take([logins], '192.0.2.3'));
    assert.deepEqual(answers, [undefined, undefined, undefined, { limit: 'logins', retryAfter: 20 }]);
  });
});
