import { RateLimiter } from './rate-limiter.ts';

/** One named per-client limit as the rules state it; its numbers travel with every check, so a reload needs no other message. */
export interface RateLimitSpec {
  name: string;
  requests: number;
  windowSeconds: number;
}

/** A refusal: the limit that said no, and the seconds until it would say yes. */
export interface RateLimitRefusal {
  limit: string;
  retryAfter: number;
}

/**
 * Where the edge counts per-client limits: in this process, or — with several worker
 * processes — in the primary for all of them, since the primary hands a client's
 * connections to different workers and per-worker counts would let it through N times over.
 */
export interface RateLimitCounter {
  /** Takes a token from each limit in order; the first refusal, or undefined when the request may pass. */
  take(limits: readonly RateLimitSpec[], client: string): RateLimitRefusal | undefined | Promise<RateLimitRefusal | undefined>;
  close(): void;
}

/** The limits counted in this process: a token bucket per named limit, replaced when a reload changes its numbers. */
export class LocalRateLimits implements RateLimitCounter {
  readonly #limiters = new Map<string, RateLimiter>();

  take(limits: readonly RateLimitSpec[], client: string): RateLimitRefusal | undefined {
    for (const spec of limits) {
      let limiter = this.#limiters.get(spec.name);
      if (limiter === undefined || limiter.requests !== spec.requests || limiter.windowSeconds !== spec.windowSeconds) {
        limiter?.close();
        limiter = new RateLimiter(spec.requests, spec.windowSeconds);
        this.#limiters.set(spec.name, limiter);
      }
      const retryAfter = limiter.take(client);
      if (retryAfter > 0) return { limit: spec.name, retryAfter };
    }
    return undefined;
  }

  close(): void {
    for (const limiter of this.#limiters.values()) limiter.close();
    this.#limiters.clear();
  }
}
