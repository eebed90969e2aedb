import { LRUCache } from 'lru-cache';
import type { Clock } from './freshness.ts';

/**
 * How long a key whose response could not be shared goes straight to the origin, on both
 * runtimes (the VCL compiles it to `return (pass(30s))`): long enough that a page with a
 * session cookie stops queueing its visitors, short enough that a fixed origin is cached again soon.
 */
export const HIT_FOR_PASS_SECONDS = 30;

/**
 * One origin request per key at a time: the first request for a key leads, the others
 * wait for its outcome. A key whose response turned out uncacheable is remembered as
 * hit-for-pass for a while, so later requests go to the origin side by side instead of
 * queueing behind each other for a response they could never share.
 */
export class RequestCollapsing<Outcome> {
  private readonly inflight = new Map<string, Promise<Outcome>>();
  private readonly passUntil: LRUCache<string, number>;

  constructor(
    private readonly now: Clock,
    private readonly hitForPassMs: number,
  ) {
    this.passUntil = new LRUCache({ max: 50_000 });
  }

  /** The running fetch for a key, if any. */
  pending(key: string): Promise<Outcome> | undefined {
    return this.inflight.get(key);
  }

  /** Runs `work` as the leader for `key`; waiters find it through `pending` until it settles. */
  lead(key: string, work: () => Promise<Outcome>): Promise<Outcome> {
    const running = work().finally(() => {
      if (this.inflight.get(key) === running) this.inflight.delete(key);
    });
    this.inflight.set(key, running);
    return running;
  }

  async settled(): Promise<void> {
    while (this.inflight.size > 0) await Promise.allSettled([...this.inflight.values()]);
  }

  markPass(key: string): void {
    this.passUntil.set(key, this.now() + this.hitForPassMs);
  }

  clearPass(key: string): void {
    this.passUntil.delete(key);
  }

  isPass(key: string): boolean {
    const until = this.passUntil.get(key);
    if (until === undefined) return false;
    if (until > this.now()) return true;
    this.passUntil.delete(key);
    return false;
  }
}
