import { Kysely, sql } from 'kysely';
import type { Registry } from 'prom-client';
import { DatabaseMetrics } from './database-metrics.ts';
import { PGliteDialect } from './pglite/pglite-dialect.ts';
import { createPostgresDialect } from './postgres/postgres-dialect.ts';
import { withSqlSpans } from './sql-spans.ts';

/**
 * Any executor over the whole schema: the root Kysely or a transaction. Each domain module
 * owns the typing of its own tables and narrows with {@link tablesOf}; Kysely's database
 * type is invariant, so the union of every module's tables cannot be passed where one
 * module's tables are expected.
 */
export type Executor = Kysely<any>;

export function tablesOf<Tables>(executor: Executor): Kysely<Tables> {
  return executor as Kysely<Tables>;
}

export type DatabaseConfig =
  | { kind: 'pglite'; dataDir?: string }
  | { kind: 'postgres'; url: string; poolSize: number; statementTimeoutMs: number; applicationName: string; preparedStatements?: number };

export interface Database {
  readonly kind: 'pglite' | 'postgres';
  readonly db: Executor;
  /** Query durations and errors, and the pool's state on PostgreSQL: served on /metrics by every app using it. */
  readonly metrics: Registry;
  ping(): Promise<void>;
  /** Ends the pool; resolves once every connection has closed, so the server no longer sees any of them. */
  close(): Promise<void>;
}

export function openDatabase(config: DatabaseConfig): Database {
  const metrics = new DatabaseMetrics();
  if (config.kind === 'pglite') {
    const dialect = new PGliteDialect(config.dataDir === undefined ? {} : { dataDir: config.dataDir });
    return wrap('pglite', new Kysely<any>({ dialect: withSqlSpans('pglite', dialect), log: metrics.log }), metrics);
  }
  const { dialect, pool, disconnected } = createPostgresDialect({
    connectionString: config.url,
    poolSize: config.poolSize,
    statementTimeoutMs: config.statementTimeoutMs,
    applicationName: config.applicationName,
    ...(config.preparedStatements === undefined ? {} : { preparedStatements: config.preparedStatements }),
  });
  metrics.watchPool(pool);
  return wrap('postgres', new Kysely<any>({ dialect: withSqlSpans('pg', dialect), log: metrics.log }), metrics, disconnected);
}

function wrap(kind: Database['kind'], db: Kysely<any>, metrics: DatabaseMetrics, disconnected: () => Promise<void> = () => Promise.resolve()): Database {
  let closed: Promise<void> | undefined;
  return {
    kind,
    db,
    metrics: metrics.registry,
    async ping() {
      await sql`select 1`.execute(db);
    },
    close() {
      closed ??= db.destroy().then(disconnected);
      return closed;
    },
  };
}
