import pg from 'pg';
import { PostgresDialect } from 'kysely';
import { typeParsers } from '../type-parsers.ts';
import { preparingPool, StatementNames } from './prepared-statements.ts';

export interface PostgresDialectConfig {
  connectionString: string;
  poolSize: number;
  statementTimeoutMs: number;
  applicationName: string;
  /** Distinct statements run as named prepared statements (see StatementNames); 0 prepares none, as behind a pooler in transaction mode. */
  preparedStatements?: number;
}

export function createPostgresPool(config: PostgresDialectConfig): pg.Pool {
  return new pg.Pool({
    connectionString: config.connectionString,
    max: config.poolSize,
    statement_timeout: config.statementTimeoutMs,
    application_name: config.applicationName,
    types: {
      getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
        typeParsers[oid] ?? pg.types.getTypeParser(oid, format as 'text')) as typeof pg.types.getTypeParser,
    },
  });
}

export function createPostgresDialect(config: PostgresDialectConfig): { dialect: PostgresDialect; pool: pg.Pool; disconnected: () => Promise<void> } {
  const pool = createPostgresPool(config);
  const names = new StatementNames(config.preparedStatements);
  return { dialect: new PostgresDialect({ pool: preparingPool(pool, names) }), pool, disconnected: trackConnections(pool) };
}

/**
 * Resolves, once asked, when every connection the pool opened has closed. pg-pool's end()
 * resolves as soon as it has asked its clients to end, before their sockets have closed;
 * whoever drops the database or stops the server right after (a test's clean-up, a
 * shutdown) would otherwise hit connections still open and get their errors afterwards.
 */
function trackConnections(pool: pg.Pool): () => Promise<void> {
  let open = 0;
  let onClosed: (() => void) | undefined;
  pool.on('connect', () => open++);
  pool.on('remove', () => {
    if (--open === 0) onClosed?.();
  });
  return () => (open === 0 ? Promise.resolve() : new Promise<void>((resolve) => (onClosed = resolve)));
}
