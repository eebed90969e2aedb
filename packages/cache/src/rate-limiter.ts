import { DomainError, type ErrorCode } from '@hatago/platform/errors';

/**
 * Counts attempts (logins, bookings) per key across every instance. A key's window starts
 * at its first attempt and lasts `windowMs`; the next attempt after it starts a new one.
 */
export interface RateLimiter {
  /** Counts one attempt and returns how many the current window holds, this one included. */
  hit(key: string, windowMs: number): Promise<number>;
  /** Takes one attempt back (never below zero), e.g. a successful login for its client. */
  refund(key: string): Promise<void>;
  /** Forgets the key's attempts. */
  reset(key: string): Promise<void>;
}

export interface AttemptLimit {
  key: string;
  limit: number;
  windowMs: number;
  code: ErrorCode;
  message: string;
}

/**
 * Counts the attempt first and refuses it past the limit: checking before counting would
 * let a burst of concurrent attempts all pass a limit none of them had reached yet.
 */
export async function claimAttempt(limiter: RateLimiter, attempt: AttemptLimit): Promise<void> {
  const count = await limiter.hit(attempt.key, attempt.windowMs);
  if (count > attempt.limit) throw new DomainError('rate_limited', attempt.code, attempt.message);
}
