import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { sql } from 'kysely';
import { DomainError } from '@hatago/platform/errors';
import { createTestDatabase, type TestDatabase, testDatabaseTargets } from '@hatago/test-support';
import { operatorAlert } from '../templates/operator-alert.ts';
import { SAMPLE_ALERT, SAMPLE_STAY, stayMail, welcomeMail } from '../testing/test-templates.ts';
import { enqueueMail, enqueueMails, enqueueNotice, type MailRequest, prepareMail, prepareNotice } from './enqueue-mail.ts';

const mail = (overrides: Partial<MailRequest<typeof SAMPLE_STAY>> = {}): MailRequest<typeof SAMPLE_STAY> => ({
  to: 'guest@example.com',
  locale: 'ja',
  params: SAMPLE_STAY,
  category: 'reservation',
  idempotencyKey: `key-${Math.random()}`,
  reference: 'HT7F3K9Q2MXA',
  ...overrides,
});

async function fieldsOf(promise: Promise<unknown>): Promise<string[]> {
  try {
    await promise;
  } catch (error) {
    assert.ok(error instanceof DomainError, String(error));
    assert.equal(error.kind, 'invalid');
    return error.fields.map((f) => f.field).sort();
  }
  assert.fail('accepted');
}

for (const target of testDatabaseTargets()) {
  describe(`enqueue (${target.name})`, () => {
    let db: TestDatabase;
    const count = async () => Number((await sql<{ n: number }>`select count(*)::int as n from mail_messages`.execute(db.database.db)).rows[0]!.n);
    before(async () => {
      db = await createTestDatabase(target, { seed: false });
    });
    after(() => db.dispose());

    test('a valid mail is queued once per idempotency key', async () => {
      const first = await enqueueMail(db.database.db, stayMail, mail({ idempotencyKey: 'confirm-1' }));
      const again = await enqueueMail(db.database.db, stayMail, mail({ idempotencyKey: 'confirm-1', to: 'other@example.com' }));
      assert.deepEqual(again, { id: first.id, created: false });
      assert.equal(first.created, true);
      const row = await db.database.db.selectFrom('mail_messages').selectAll().where('id', '=', first.id).executeTakeFirstOrThrow();
      assert.equal(row.status, 'queued');
      assert.equal(row.channel, 'email');
      assert.equal(row.recipient, 'guest@example.com');
      assert.equal(row.attempts, 0);
      assert.equal(row.reference, 'HT7F3K9Q2MXA');
    });

    test('a notice is queued for its Slack channel', async () => {
      const queued = await enqueueNotice(db.database.db, operatorAlert, { channel: '#ops', params: SAMPLE_ALERT, idempotencyKey: 'alert-1' });
      const row = await db.database.db.selectFrom('mail_messages').selectAll().where('id', '=', queued.id).executeTakeFirstOrThrow();
      assert.deepEqual([row.channel, row.recipient, row.category, row.template], ['slack', '#ops', 'notice', 'operator-alert']);
    });

    test('several mails go out in one statement, in the order given, each key finding its earlier message', async () => {
      const earlier = await enqueueMail(db.database.db, stayMail, mail({ idempotencyKey: 'batch-earlier' }));
      const statements: string[] = [];
      const counted = db.database.db.withPlugin({
        transformQuery: ({ node }) => (statements.push(node.kind), node),
        transformResult: async ({ result }) => result,
      });
      const queued = await enqueueMails(counted, [
        prepareMail(stayMail, mail({ idempotencyKey: 'batch-new', to: 'front@example.com' })),
        prepareMail(stayMail, mail({ idempotencyKey: 'batch-earlier' })),
        prepareNotice(operatorAlert, { channel: '#ops', params: SAMPLE_ALERT, idempotencyKey: 'batch-notice' }),
      ]);
      assert.deepEqual(queued.map((q) => q.created), [true, false, true]);
      assert.equal(queued[1]!.id, earlier.id);
      // one insert for the three, and one look-up for the key that was already used
      assert.deepEqual(statements, ['InsertQueryNode', 'SelectQueryNode']);
      const rows = await db.database.db.selectFrom('mail_messages').select(['id', 'recipient', 'channel']).where('idempotency_key', 'in', ['batch-new', 'batch-notice']).orderBy('id').execute();
      assert.deepEqual(rows.map((r) => [Number(r.id), r.recipient, r.channel]), [[queued[0]!.id, 'front@example.com', 'email'], [queued[2]!.id, '#ops', 'slack']]);
      assert.throws(() => enqueueMails(db.database.db, [prepareMail(stayMail, mail({ idempotencyKey: 'twice' })), prepareMail(stayMail, mail({ idempotencyKey: 'twice' }))]), /share an idempotency key/);
    });

    test('bad input is refused with every field named, and nothing is written', async () => {
      const before = await count();
      assert.deepEqual(await fieldsOf(enqueueMail(db.database.db, 'no-such' as never, mail({ to: 'not an address', locale: 'fr' as never }))), ['locale', 'template', 'to']);
      const missing = await fieldsOf(enqueueMail(db.database.db, stayMail, mail({ params: { reservation: { code: 'HT1' } } as never })));
      assert.ok(missing.includes('params/reservation/hotelName') && missing.includes('params/reservation/checkin'), missing.join());
      assert.ok(missing.every((f) => f.startsWith('params/reservation/')));
      assert.deepEqual(await fieldsOf(enqueueMail(db.database.db, operatorAlert as never, mail())), ['template']);
      assert.deepEqual(await fieldsOf(enqueueMail(db.database.db, stayMail, mail({ idempotencyKey: '', category: '' }))), ['category', 'idempotencyKey']);
      assert.deepEqual(
        await fieldsOf(enqueueNotice(db.database.db, welcomeMail as never, { channel: 'ops room', params: { name: 'x' }, idempotencyKey: 'n-1' })),
        ['channel', 'template'],
      );
      assert.deepEqual(
        await fieldsOf(enqueueNotice(db.database.db, operatorAlert, { channel: '#ops', params: { title: 't', text: 'x', severity: 'panic' as never }, idempotencyKey: 'n-2' })),
        ['params/severity'],
      );
      assert.equal(await count(), before);
    });

    test('a rolled-back transaction leaves no message behind', async () => {
      const before = await count();
      await assert.rejects(
        db.database.db.transaction().execute(async (trx) => {
          await enqueueMail(trx, stayMail, mail({ idempotencyKey: 'rolled-back' }));
          throw new Error('the business change failed after the mail was queued');
        }),
        /business change failed/,
      );
      assert.equal(await count(), before);
      const row = await db.database.db.selectFrom('mail_messages').select('id').where('idempotency_key', '=', 'rolled-back').executeTakeFirst();
      assert.equal(row, undefined);
    });
  });
}
