import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { sql } from 'kysely';
import { createLogger } from '@hatago/platform/logging';
import { createTestDatabase, type TestDatabase, testDatabaseTargets } from '@hatago/test-support';
import { SinkProvider } from '../providers/sink/sink-provider.ts';
import { waitUntil } from '../testing/fake-http-endpoint.ts';
import { testTemplates, welcomeMail } from '../testing/test-templates.ts';
import { startMailWorkers } from './mail-workers.ts';

const MESSAGES = 10_000;
const postgres = testDatabaseTargets().find((t) => t.name === 'postgres');

// the claim's `for update skip locked` is what keeps concurrent workers apart; only a real
// server with a connection pool lets four of them claim at the same time
if (postgres) {
  describe('10,000 messages through 4 workers on PostgreSQL', () => {
    let db: TestDatabase;
    before(async () => {
      db = await createTestDatabase(postgres, { seed: false });
      await sql`
        insert into mail_messages (template, recipient, locale, params, category, idempotency_key)
        select ${welcomeMail.name}::text, 'guest' || n || '@example.com', case when n % 2 = 0 then 'ja' else 'en' end,
               jsonb_build_object('name', 'Guest ' || n), 'member', 'bulk-' || n
        from generate_series(1, ${MESSAGES}) as n`.execute(db.database.db);
    });
    after(() => db.dispose());

    test('each message is delivered exactly once', async () => {
      const logger = createLogger('mail-test', process.env.TEST_LOG_LEVEL ?? 'silent');
      const sink = new SinkProvider(db.database.db, 'no-reply@hatago.example');
      const workers = Array.from({ length: 4 }, (_, i) =>
        startMailWorkers({ db: db.database.db, providers: [sink], templates: testTemplates, logger, workerId: `worker-${i}`, concurrency: 2, batchSize: 50, pollIntervalMs: 20 }),
      );
      try {
        await waitUntil(
          'every message is sent',
          async () => (await sql<{ n: number }>`select count(*)::int as n from mail_messages where status = 'sent'`.execute(db.database.db)).rows[0]!.n === MESSAGES,
          300_000,
        );
      } finally {
        await Promise.all(workers.map((w) => w.stop()));
      }
      const { rows } = await sql<{ messages: number; copies: number; most: number }>`
        select count(*)::int as messages, sum(copies)::int as copies, max(copies)::int as most
        from (select message_id, count(*) as copies from mail_sink_messages group by message_id) per_message`.execute(db.database.db);
      assert.deepEqual(rows[0], { messages: MESSAGES, copies: MESSAGES, most: 1 });
      const { rows: byWorker } = await sql<{ worker: string; n: number }>`
        select substring(detail from 'by (worker-[0-9])') as worker, count(*)::int as n from mail_events
        where type = 'sending' group by 1 order by 1`.execute(db.database.db);
      assert.equal(byWorker.reduce((sum, r) => sum + r.n, 0), MESSAGES, 'one claim per message: nothing was claimed twice');
      assert.ok(byWorker.length === 4 && byWorker.every((r) => r.n > 0), `all four workers took part: ${JSON.stringify(byWorker)}`);
    });
  });
}
