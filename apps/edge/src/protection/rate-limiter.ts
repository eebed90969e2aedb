/**
 * Token bucket per client address: `requests` tokens refilled evenly over `windowSeconds`,
 * so a client gets a burst of `requests` and then the sustained rate. Buckets that are
 * full again are dropped by a sweep, so memory follows the number of active clients.
 */
export class RateLimiter {
  readonly #buckets = new Map<string, { tokens: number; at: number }>();
  readonly #perMs: number;
  readonly #sweep: NodeJS.Timeout;

  constructor(
    readonly requests: number,
    readonly windowSeconds: number,
    private readonly now: () => number = Date.now,
  ) {
    this.#perMs = requests / (windowSeconds * 1000);
    this.#sweep = setInterval(() => this.#forgetFull(), windowSeconds * 1000);
    this.#sweep.unref();
  }

  /** 0 when the request may pass (a token is taken), otherwise the seconds until one is available. */
  take(client: string): number {
    const now = this.now();
    const bucket = this.#buckets.get(client);
    if (!bucket) {
      this.#buckets.set(client, { tokens: this.requests - 1, at: now });
      return 0;
    }
    bucket.tokens = Math.min(this.requests, bucket.tokens + (now - bucket.at) * this.#perMs);
    bucket.at = now;
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return 0;
    }
    return Math.max(1, Math.ceil((1 - bucket.tokens) / this.#perMs / 1000));
  }

  #forgetFull() {
    const now = this.now();
    for (const [client, bucket] of this.#buckets) {
      if (bucket.tokens + (now - bucket.at) * this.#perMs >= this.requests) this.#buckets.delete(client);
    }
  }

  close() {
    clearInterval(this.#sweep);
  }
}
