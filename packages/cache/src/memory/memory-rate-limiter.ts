import { LRUCache } from 'lru-cache';
import type { RateLimiter } from '../rate-limiter.ts';

interface Window {
  count: number;
  endsAt: number;
}

/**
 * Attempts counted in this process: right when one process serves everything, and the
 * fallback of last resort. Bounded: a flood of distinct keys evicts the oldest windows
 * rather than growing the heap.
 */
export class MemoryRateLimiter implements RateLimiter {
  readonly #windows: LRUCache<string, Window>;

  constructor(
    options: { maxKeys?: number } = {},
    private readonly now: () => number = Date.now,
  ) {
    this.#windows = new LRUCache({ max: options.maxKeys ?? 100_000 });
  }

  async hit(key: string, windowMs: number): Promise<number> {
    const now = this.now();
    const current = this.#windows.get(key);
    if (!current || current.endsAt <= now) {
      this.#windows.set(key, { count: 1, endsAt: now + windowMs });
      return 1;
    }
    current.count += 1;
    return current.count;
  }

  async refund(key: string): Promise<void> {
    const current = this.#windows.get(key);
    if (current && current.count > 0) current.count -= 1;
  }

  async reset(key: string): Promise<void> {
    this.#windows.delete(key);
  }
}
