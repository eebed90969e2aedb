import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { LocalRateLimits } from './rate-limits.ts';

describe('per-client rate limits', () => {
  const logins = { name: 'logins', requests: 2, windowSeconds: 60 };
  const bookings = { name: 'bookings', requests: 3, windowSeconds: 60 };

  it('counts each client apart and names the limit that refused, with the wait', () => {
    const limits = new LocalRateLimits();
    try {
      assert.equal(limits.take([logins], 'a'), undefined);
      assert.equal(limits.take([logins], 'a'), undefined);
      assert.deepEqual(limits.take([logins], 'a'), { limit: 'logins', retryAfter: 30 });
      assert.equal(limits.take([logins], 'b'), undefined, 'another client has its own bucket');
      assert.deepEqual(limits.take([bookings, logins], 'a'), { limit: 'logins', retryAfter: 30 }, 'the first refusal in rule order');
    } finally {
      limits.close();
    }
  });

  it('starts a limit afresh when a reload changes its numbers, and keeps counting when it does not', () => {
    const limits = new LocalRateLimits();
    try {
      limits.take([logins], 'a');
      limits.take([logins], 'a');
      assert.notEqual(limits.take([{ ...logins }], 'a'), undefined, 'same numbers: still the same bucket');
      assert.equal(limits.take([{ ...logins, requests: 5 }], 'a'), undefined, 'new numbers: a new bucket');
    } finally {
      limits.close();
    }
  });
});
