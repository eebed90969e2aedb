/**
 * `npm run mail:purge`: purges rendered bodies past the retention period once, e.g. from
 * a nightly job; the mailer runs the same function on its own schedule.
 */
import { openDatabase } from '@hatago/db';
import { ConfigError, DatabaseEnv, loadConfig } from '@hatago/platform/config';
import { Type } from '@sinclair/typebox';
import { MailRetentionEnv, purgeMailBodies } from './purge-bodies.ts';

const Env = Type.Object({
  ...MailRetentionEnv,
  DATABASE_URL: Type.String({ pattern: '^postgres(ql)?://' }),
  DB_STATEMENT_TIMEOUT_MS: DatabaseEnv.DB_STATEMENT_TIMEOUT_MS,
  MAIL_PURGE_BATCH_SIZE: Type.Integer({ minimum: 1, maximum: 100_000, default: 1000 }),
});

try {
  const config = loadConfig(Env);
  const database = openDatabase({
    kind: 'postgres',
    url: config.DATABASE_URL,
    poolSize: 1,
    statementTimeoutMs: config.DB_STATEMENT_TIMEOUT_MS,
    applicationName: 'hatago-mail-purge',
  });
  try {
    const purged = await purgeMailBodies(database.db, {
      olderThanDays: config.MAIL_BODY_RETENTION_DAYS,
      batchSize: config.MAIL_PURGE_BATCH_SIZE,
      onBatch: (n) => console.log(`purged ${n} bodies so far`),
    });
    console.log(`purged the bodies of ${purged} messages older than ${config.MAIL_BODY_RETENTION_DAYS} days`);
  } finally {
    await database.close();
  }
} catch (error) {
  if (!(error instanceof ConfigError)) throw error;
  console.error(`mail:purge: ${error.message}`);
  process.exit(78);
}
