import type { CacheTelemetry } from './cache-telemetry.ts';
import type { RateLimiter } from './rate-limiter.ts';

/**
 * Redis first, the database when Redis fails: a dead Redis must neither lock every guest
 * out (an error page) nor lift the limits (no counting at all). Counts split between the
 * two while Redis is down, so a limit may allow up to twice its attempts during an outage.
 */
export class FallbackRateLimiter implements RateLimiter {
  constructor(
    private readonly primary: RateLimiter,
    private readonly fallback: RateLimiter,
    private readonly telemetry: CacheTelemetry,
  ) {}

  hit(key: string, windowMs: number): Promise<number> {
    return this.#either((limiter) => limiter.hit(key, windowMs));
  }

  refund(key: string): Promise<void> {
    return this.#either((limiter) => limiter.refund(key));
  }

  reset(key: string): Promise<void> {
    return this.#either((limiter) => limiter.reset(key));
  }

  async #either<T>(run: (limiter: RateLimiter) => Promise<T>): Promise<T> {
    try {
      const result = await run(this.primary);
      this.telemetry.succeeded();
      return result;
    } catch (error) {
      this.telemetry.failed('rate-limit', error);
      return run(this.fallback);
    }
  }
}
