/**
 * The sending-rate cap of one provider in one process: `ratePerSecond` tokens a second,
 * holding at most one second's worth. Workers take tokens before they claim, so they only
 * claim what they may send now, and the rest stays in the queue for anyone else.
 */
export class TokenBucket {
  private tokens: number;
  private updatedAt = performance.now();

  constructor(private readonly ratePerSecond: number) {
    this.tokens = Math.max(1, ratePerSecond);
  }

  private refill(): void {
    const now = performance.now();
    this.tokens = Math.min(Math.max(1, this.ratePerSecond), this.tokens + ((now - this.updatedAt) / 1000) * this.ratePerSecond);
    this.updatedAt = now;
  }

  /**
   * Up to `max` tokens, waiting until at least one is there; 0 when `stopped` resolves first.
   */
  async take(max: number, stopped: Promise<void>): Promise<number> {
    if (!Number.isFinite(this.ratePerSecond)) return max;
    for (;;) {
      this.refill();
      if (this.tokens >= 1) {
        const granted = Math.min(max, Math.floor(this.tokens));
        this.tokens -= granted;
        return granted;
      }
      const waitMs = Math.ceil(((1 - this.tokens) / this.ratePerSecond) * 1000);
      let timer: NodeJS.Timeout | undefined;
      const stop = await Promise.race([
        stopped.then(() => true),
        new Promise<false>((resolve) => (timer = setTimeout(() => resolve(false), waitMs))),
      ]);
      clearTimeout(timer);
      if (stop) return 0;
    }
  }

  /** Gives back tokens taken for messages that were not there to claim. */
  refund(count: number): void {
    if (count > 0 && Number.isFinite(this.ratePerSecond)) this.tokens = Math.min(Math.max(1, this.ratePerSecond), this.tokens + count);
  }
}
