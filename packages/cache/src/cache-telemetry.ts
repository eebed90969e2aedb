import { Counter, Registry } from 'prom-client';
import type { Logger } from 'pino';

export type CacheOperation = 'get' | 'set' | 'delete' | 'versions' | 'invalidate' | 'listener' | 'subscribe' | 'connection' | 'rate-limit';

/**
 * What a cache reports about itself. Failures are counted one by one but logged only when
 * the cache starts failing and when it recovers: with Redis down, every request would
 * otherwise log the same line.
 */
export class CacheTelemetry {
  /** Served on /metrics by every app using the cache (createHttpApp's `metrics` option). */
  readonly registry = new Registry();
  readonly metrics = {
    reads: new Counter({
      name: 'cache_reads_total',
      help: 'Cache reads by outcome: hit, miss, or error (served from the database instead)',
      labelNames: ['backend', 'outcome'] as const,
      registers: [this.registry],
    }),
    errors: new Counter({
      name: 'cache_errors_total',
      help: 'Cache operations that failed or timed out; the caller carried on without the cache',
      labelNames: ['backend', 'operation'] as const,
      registers: [this.registry],
    }),
  };
  #failing = false;

  constructor(
    private readonly backend: string,
    private readonly logger?: Logger,
  ) {}

  read(outcome: 'hit' | 'miss' | 'error'): void {
    this.metrics.reads.inc({ backend: this.backend, outcome });
  }

  failed(operation: CacheOperation, error: unknown): void {
    this.metrics.errors.inc({ backend: this.backend, operation });
    if (this.#failing) return;
    this.#failing = true;
    this.logger?.warn({ err: error, backend: this.backend, operation }, 'cache failing: serving from the database');
  }

  succeeded(): void {
    if (!this.#failing) return;
    this.#failing = false;
    this.logger?.info({ backend: this.backend }, 'cache recovered');
  }

  get failing(): boolean {
    return this.#failing;
  }
}
