import { PGlite } from '@electric-sql/pglite';
import {
  type DatabaseIntrospector,
  type Dialect,
  type Driver,
  type Kysely,
  PostgresAdapter,
  PostgresIntrospector,
  PostgresQueryCompiler,
} from 'kysely';
import { PGliteDriver } from './pglite-driver.ts';
import { typeParsers } from '../type-parsers.ts';

export interface PGliteDialectConfig {
  /** A directory for a persistent database; omitted for a throw-away in-memory one. */
  dataDir?: string;
}

export class PGliteDialect implements Dialect {
  readonly pglite: PGlite;

  constructor(config: PGliteDialectConfig) {
    this.pglite = new PGlite({ ...(config.dataDir ? { dataDir: config.dataDir } : {}), parsers: typeParsers });
  }

  createAdapter() {
    return new PostgresAdapter();
  }
  createDriver(): Driver {
    return new PGliteDriver(this.pglite);
  }
  createQueryCompiler() {
    return new PostgresQueryCompiler();
  }
  createIntrospector(db: Kysely<any>): DatabaseIntrospector {
    return new PostgresIntrospector(db);
  }
}
