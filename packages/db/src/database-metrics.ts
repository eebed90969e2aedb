import type { LogEvent } from 'kysely';
import { Counter, Gauge, Histogram, Registry } from 'prom-client';

const OPERATIONS = new Set(['select', 'insert', 'update', 'delete', 'with']);

/** The first keyword only: the statement text would be a series per query shape (unbounded). */
const operationOf = (statement: string) => {
  const word = /^\s*([a-z]+)/i.exec(statement)?.[1]?.toLowerCase() ?? 'other';
  return OPERATIONS.has(word) ? word : 'other';
};

/** What a pool can tell about itself; PGlite has no pool (one in-process connection). */
export interface PoolState {
  totalCount: number;
  idleCount: number;
  waitingCount: number;
}

/**
 * Query durations by operation (through Kysely's log hook, so PGlite and PostgreSQL report
 * alike), failed queries, and for PostgreSQL the pool's connections in use and the callers
 * waiting for one: a pool too small for the load shows as waiting > 0 before it shows as latency.
 */
export class DatabaseMetrics {
  readonly registry = new Registry();
  readonly #duration = new Histogram({
    name: 'db_query_duration_seconds',
    help: 'Time of one SQL statement, by its first keyword',
    labelNames: ['operation'] as const,
    buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 10],
    registers: [this.registry],
  });
  readonly #errors = new Counter({ name: 'db_query_errors_total', help: 'SQL statements that failed', labelNames: ['operation'] as const, registers: [this.registry] });

  /** Kysely's `log` option. */
  readonly log = (event: LogEvent) => {
    const operation = operationOf(event.query.sql);
    this.#duration.observe({ operation }, event.queryDurationMillis / 1000);
    if (event.level === 'error') this.#errors.inc({ operation });
  };

  watchPool(pool: PoolState): void {
    new Gauge({
      name: 'db_pool_connections',
      help: 'Pool connections by state (in_use, idle)',
      labelNames: ['state'] as const,
      registers: [this.registry],
      collect() {
        this.set({ state: 'in_use' }, pool.totalCount - pool.idleCount);
        this.set({ state: 'idle' }, pool.idleCount);
      },
    });
    new Gauge({
      name: 'db_pool_waiting_clients',
      help: 'Callers waiting for a pool connection',
      registers: [this.registry],
      collect() {
        this.set(pool.waitingCount);
      },
    });
  }
}
