import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { openDatabase, type Database } from '../database.ts';

export interface TestDatabaseTarget {
  name: 'pglite' | 'postgres';
  /** A fresh, empty database of its own, closed and dropped by `dispose`. */
  create(): Promise<{ database: Database; url?: string; dispose(): Promise<void> }>;
}

/**
 * The data layer must behave the same on PGlite and on a real PostgreSQL server, so tests
 * run against every target. PostgreSQL joins when TEST_DATABASE_URL names a server that
 * lets us create databases; in CI its absence is an error, not a silent skip.
 */
export function testDatabaseTargets(): TestDatabaseTarget[] {
  const targets: TestDatabaseTarget[] = [pgliteTarget];
  const adminUrl = process.env.TEST_DATABASE_URL;
  if (adminUrl) targets.push(postgresTarget(adminUrl));
  else if (process.env.CI) throw new Error('TEST_DATABASE_URL must be set in CI so the PostgreSQL tests run');
  return targets;
}

const pgliteTarget: TestDatabaseTarget = {
  name: 'pglite',
  async create() {
    const database = openDatabase({ kind: 'pglite' });
    return { database, dispose: () => database.close() };
  },
};

function postgresTarget(adminUrl: string): TestDatabaseTarget {
  return {
    name: 'postgres',
    async create() {
      const name = `hatago_test_${randomBytes(6).toString('hex')}`;
      await adminQuery(adminUrl, `create database ${name}`);
      const url = new URL(adminUrl);
      url.pathname = `/${name}`;
      const database = openDatabase({
        kind: 'postgres',
        url: url.toString(),
        poolSize: 20,
        statementTimeoutMs: 30_000,
        applicationName: 'hatago-test',
      });
      return {
        database,
        url: url.toString(),
        async dispose() {
          await database.close();
          await adminQuery(adminUrl, `drop database if exists ${name} with (force)`);
        },
      };
    },
  };
}

async function adminQuery(adminUrl: string, statement: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}
