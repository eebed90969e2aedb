import { type Static, type TObject, Type } from '@sinclair/typebox';
import { ConfigError, DatabaseEnv, loadConfig } from '@hatago/platform/config';
import { type Executor, openDatabase } from '../database.ts';

const CommandEnv = Type.Object({
  DATABASE_URL: Type.String({ pattern: '^postgres(ql)?://' }),
  DB_STATEMENT_TIMEOUT_MS: DatabaseEnv.DB_STATEMENT_TIMEOUT_MS,
});

/**
 * Runs a one-off job (`npm run migrate`, `npm run mail:purge`) on one connection to
 * DATABASE_URL and closes it, whatever the job does. A wrong variable prints one line and
 * exits 78 (EX_CONFIG), so a scheduler tells a bad deployment from a failed run.
 */
export async function runDatabaseCommand<S extends TObject>(
  name: string,
  jobEnv: S,
  job: (db: Executor, config: Static<S>) => Promise<void>,
): Promise<void> {
  let config: Static<typeof CommandEnv>;
  let jobConfig: Static<S>;
  try {
    config = loadConfig(CommandEnv);
    jobConfig = loadConfig(jobEnv);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    console.error(`${name}: ${error.message}`);
    process.exit(78);
  }
  const database = openDatabase({
    kind: 'postgres',
    url: config.DATABASE_URL,
    poolSize: 1,
    statementTimeoutMs: config.DB_STATEMENT_TIMEOUT_MS,
    applicationName: `hatago-${name.replace(':', '-')}`,
  });
  try {
    await job(database.db, jobConfig);
  } finally {
    await database.close();
  }
}
