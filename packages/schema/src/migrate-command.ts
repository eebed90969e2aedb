/**
 * `npm run migrate`: applies every pending migration to DATABASE_URL once, before app
 * instances start. Kysely's migrator holds an advisory lock, so two runs never race.
 */
import { Type } from '@sinclair/typebox';
import { openDatabase } from '@hatago/db';
import { ConfigError, DatabaseEnv, loadConfig } from '@hatago/platform/config';
import { migrateHatago } from './index.ts';

const Env = Type.Object({ DATABASE_URL: Type.String({ pattern: '^postgres(ql)?://' }), DB_STATEMENT_TIMEOUT_MS: DatabaseEnv.DB_STATEMENT_TIMEOUT_MS });

try {
  const config = loadConfig(Env);
  const database = openDatabase({
    kind: 'postgres',
    url: config.DATABASE_URL,
    poolSize: 1,
    statementTimeoutMs: config.DB_STATEMENT_TIMEOUT_MS,
    applicationName: 'hatago-migrate',
  });
  try {
    const applied = await migrateHatago(database.db);
    console.log(applied.length ? `applied: ${applied.join(', ')}` : 'database is up to date');
  } finally {
    await database.close();
  }
} catch (error) {
  if (!(error instanceof ConfigError)) throw error;
  console.error(`migrate: ${error.message}`);
  process.exit(78);
}
