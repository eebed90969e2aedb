import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { createLogger } from '@hatago/platform/logging';
import { createTestDatabase, type TestDatabase, testDatabaseTargets } from '@hatago/test-support';
import { startRetentionPurge } from './retention-schedule.ts';

describe('retention schedule', () => {
  let db: TestDatabase;
  before(async () => {
    db = await createTestDatabase(testDatabaseTargets()[0]!, { seed: false });
    await sql`
      insert into mail_messages (template, recipient, locale, params, category, idempotency_key, status, created_at, body_text)
      select 'member-welcome', 'g@example.com', 'en', '{}', 'member', 'schedule-' || n, 'delivered', now() - make_interval(days => 100 * n), 'Hi'
      from generate_series(0, 2) n`.execute(db.database.db);
  });
  after(() => db.dispose());

  it('purges at start-up, keeps running until stopped, and survives a failing run', async () => {
    const schedule = startRetentionPurge({ db: db.database.db, logger: createLogger('test', 'silent'), olderThanDays: 90, intervalMs: 3_600_000 });
    assert.equal(await schedule.firstRun, 2);
    await schedule.stop();
    const broken = startRetentionPurge({
      db: { transaction: () => { throw new Error('down'); } } as never,
      logger: createLogger('test', 'silent'),
      olderThanDays: 90,
    });
    assert.equal(await broken.firstRun, 0, 'a failure is logged, not thrown');
    await broken.stop();
  });
});
