import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { createTestDatabase, type TestDatabase, testDatabaseTargets } from '@hatago/test-support';
import { purgeMailBodies } from './purge-bodies.ts';

const NOW = new Date('2026-11-25T00:00:00Z');

for (const target of testDatabaseTargets()) {
  describe(`mail body retention (${target.name})`, () => {
    let db: TestDatabase;

    before(async () => {
      db = await createTestDatabase(target, { seed: false });
      // 25 messages 91..115 days old, 3 exactly 89 days old, one old message still queued
      await sql`
        insert into mail_messages (template, recipient, locale, params, category, idempotency_key, status, created_at, subject, body_html, body_text)
        select 'member-welcome', 'g' || n || '@example.com', 'en', '{}', 'member', 'retention-' || n,
               case when n = 29 then 'queued' else 'delivered' end,
               ${NOW}::timestamptz - make_interval(days => case when n <= 25 then 90 + n when n <= 28 then 89 else 200 end),
               'Welcome ' || n, '<p>Hi</p>', 'Hi'
        from generate_series(1, 29) n`.execute(db.database.db);
      const { rows } = await sql<{ id: number }>`select id from mail_messages where idempotency_key = 'retention-1'`.execute(db.database.db);
      await sql`insert into mail_events (message_id, type, source) values (${rows[0]!.id}, 'delivered', 'provider')`.execute(db.database.db);
    });
    after(() => db.dispose());

    it('empties the bodies of messages past the period in batches, keeping subject, metadata and timeline', async () => {
      const progress: number[] = [];
      const purged = await purgeMailBodies(db.database.db, { olderThanDays: 90, batchSize: 10, now: NOW, onBatch: (n) => progress.push(n) });
      assert.equal(purged, 25);
      assert.deepEqual(progress, [10, 20, 25]);
      const { rows } = await sql<{ key: string; subject: string; body_html: string | null; body_text: string | null; purged: boolean; recipient: string }>`
        select idempotency_key as key, subject, body_html, body_text, body_purged_at is not null as purged, recipient
        from mail_messages order by id`.execute(db.database.db);
      for (const row of rows.slice(0, 25)) {
        assert.equal(row.body_html, null, row.key);
        assert.equal(row.body_text, null, row.key);
        assert.equal(row.purged, true, row.key);
        assert.match(row.subject, /^Welcome \d+$/, 'the subject stays');
      }
      for (const row of rows.slice(25)) {
        assert.equal(row.body_text, 'Hi', `${row.key} is kept: too young or not sent yet`);
        assert.equal(row.purged, false);
      }
      const events = await sql<{ n: string }>`select count(*) as n from mail_events`.execute(db.database.db);
      assert.equal(Number(events.rows[0]!.n), 1, 'the timeline stays');
    });

    it('finds nothing more to do on a second run', async () => {
      assert.equal(await purgeMailBodies(db.database.db, { olderThanDays: 90, now: NOW }), 0);
    });
  });
}
