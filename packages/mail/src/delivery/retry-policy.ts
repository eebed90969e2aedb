export interface RetryPolicy {
  /** First retry waits up to this long; each further one up to twice as long as the last. */
  baseMs: number;
  /** No wait is longer than this. */
  capMs: number;
  /** Attempts (sends and expired leases) before a message is dead-lettered. */
  maxAttempts: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = { baseMs: 30_000, capMs: 3_600_000, maxAttempts: 8 };

/**
 * Exponential backoff with full jitter: a uniformly random wait up to base·2^(attempt-1),
 * capped. The randomness spreads retries of a burst that failed together (a provider
 * outage) instead of sending them all back at the same instant.
 */
export function retryDelayMs(attempt: number, policy: RetryPolicy, random: () => number = Math.random): number {
  const ceiling = Math.min(policy.capMs, policy.baseMs * 2 ** Math.max(0, attempt - 1));
  return Math.floor(random() * ceiling);
}
