import pg from 'pg';
import { PostgresDialect } from 'kysely';
import { typeParsers } from '../type-parsers.ts';

export interface PostgresDialectConfig {
  connectionString: string;
  poolSize: number;
  statementTimeoutMs: number;
  applicationName: string;
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

export function createPostgresDialect(config: PostgresDialectConfig): { dialect: PostgresDialect; pool: pg.Pool } {
  const pool = createPostgresPool(config);
  return { dialect: new PostgresDialect({ pool }), pool };
}
