/**
 * How long to wait before restarting a process that died: quick for a one-off crash, doubling
 * while it keeps crashing so a broken release does not spin the CPU, and forgiven once the
 * process has stayed up for a while.
 */
export class RestartBackoff {
  private failures = 0;

  constructor(
    private readonly initialMs = 250,
    private readonly maxMs = 30_000,
    private readonly forgiveAfterMs = 30_000,
  ) {}

  /** The delay before the next start of a process that ran for `uptimeMs`. */
  next(uptimeMs: number): number {
    if (uptimeMs >= this.forgiveAfterMs) this.failures = 0;
    const delay = Math.min(this.maxMs, this.initialMs * 2 ** this.failures);
    this.failures++;
    return delay;
  }
}
