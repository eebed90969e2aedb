/**
 * `npm run mail:purge`: purges rendered bodies past the retention period once, e.g. from
 * a nightly job; the mailer runs the same function on its own schedule.
 */
import { runDatabaseCommand } from '@hatago/db';
import { Type } from '@sinclair/typebox';
import { MailRetentionEnv, purgeMailBodies } from './purge-bodies.ts';

const Env = Type.Object({
  ...MailRetentionEnv,
  MAIL_PURGE_BATCH_SIZE: Type.Integer({ minimum: 1, maximum: 100_000, default: 1000 }),
});

await runDatabaseCommand('mail:purge', Env, async (db, config) => {
  const purged = await purgeMailBodies(db, {
    olderThanDays: config.MAIL_BODY_RETENTION_DAYS,
    batchSize: config.MAIL_PURGE_BATCH_SIZE,
    onBatch: (n) => console.log(`purged ${n} bodies so far`),
  });
  console.log(`purged the bodies of ${purged} messages older than ${config.MAIL_BODY_RETENTION_DAYS} days`);
});
