import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { sql } from 'kysely';
import type { Executor } from '@hatago/db';
import { createLogger } from '@hatago/platform/logging';
import { createTestDatabase, type TestDatabase, testDatabaseTargets } from '@hatago/test-support';
import { enqueueMail, enqueueNotice } from '../outbox/enqueue-mail.ts';
import type { MailProvider, OutgoingMessage, SendResult } from '../providers/mail-provider.ts';
import { SendgridProvider } from '../providers/sendgrid/sendgrid-provider.ts';
import { SinkProvider } from '../providers/sink/sink-provider.ts';
import { SlackProvider } from '../providers/slack/slack-provider.ts';
import { FakeHttpEndpoint, type Reaction, waitUntil } from '../testing/fake-http-endpoint.ts';
import { operatorAlert } from '../templates/operator-alert.ts';
import { inventoryNotice, SAMPLE_ALERT, SAMPLE_INVENTORY, testTemplates, welcomeMail } from '../testing/test-templates.ts';
import { claimMessages, recordOutcome } from './message-lease.ts';
import { type MailWorkerOptions, startMailWorkers } from './mail-workers.ts';
import { TokenBucket } from './token-bucket.ts';

const logger = createLogger('mail-test', process.env.TEST_LOG_LEVEL ?? 'silent');
const FAST_RETRY = { baseMs: 5, capMs: 20, maxAttempts: 5 };
let keys = 0;

const queueMail = (db: Executor, to = 'guest@example.com') =>
  enqueueMail(db, welcomeMail, { to, locale: 'en', params: { name: 'Hanako' }, category: 'member', idempotencyKey: `k-${process.pid}-${++keys}` });

const statusOf = async (db: Executor, id: number) =>
  db.selectFrom('mail_messages').selectAll().where('id', '=', id).executeTakeFirstOrThrow();

const timeline = async (db: Executor, id: number) =>
  (await db.selectFrom('mail_events').select('type').where('message_id', '=', id).orderBy('id').execute()).map((e) => e.type as string);

/** Runs workers until `done` holds for the message, then stops them (draining as in production). */
async function deliverUntil(options: Omit<MailWorkerOptions, 'logger' | 'templates'>, what: string, done: () => Promise<boolean>): Promise<void> {
  const workers = startMailWorkers({ pollIntervalMs: 10, logger, retry: FAST_RETRY, templates: testTemplates, ...options });
  try {
    await waitUntil(what, done);
  } finally {
    await workers.stop();
  }
}

/** Holds every send until the test opens the gate: a provider that has slowed down. */
class GatedProvider implements MailProvider {
  readonly name = 'gated';
  readonly channels = ['email'] as const;
  readonly ratePerSecond = Number.POSITIVE_INFINITY;
  readonly sent: number[] = [];
  waiting = 0;
  private open!: () => void;
  private readonly gate = new Promise<void>((resolve) => (this.open = resolve));
  async send(message: OutgoingMessage): Promise<SendResult> {
    this.waiting++;
    await this.gate;
    this.sent.push(message.id);
    return { providerMessageId: `gated-${message.id}` };
  }
  release(): void {
    this.open();
  }
}

describe('token bucket', () => {
  test('grants at most the tokens it holds, waits for more, and takes refunds back', async () => {
    const bucket = new TokenBucket(3);
    const stopped = Promise.resolve();
    assert.equal(await bucket.take(10, new Promise(() => undefined)), 3);
    assert.equal(await bucket.take(10, stopped), 0, 'empty: the stop signal wins over waiting');
    bucket.refund(2);
    assert.equal(await bucket.take(10, stopped), 2);
    assert.equal(await new TokenBucket(Number.POSITIVE_INFINITY).take(50, stopped), 50);
  });
});

for (const target of testDatabaseTargets()) {
  describe(`mail workers (${target.name})`, () => {
    let database: TestDatabase;
    let db: Executor;
    let sendgrid: FakeHttpEndpoint;
    /** Each message's scripted answers from the stand-in SendGrid, in order; then 202. */
    const scripts = new Map<string, Reaction[]>();
    const provider = () =>
      new SendgridProvider({ apiKey: 'SG.k', baseUrl: sendgrid.url, from: { email: 'no-reply@hatago.example' }, sandbox: false, ratePerSecond: 1000, timeoutMs: 1500 });
    const accepted = (id: number) =>
      sendgrid.requests.filter((r) => (JSON.parse(r.body) as { custom_args: { hatago_message_id: string } }).custom_args.hatago_message_id === String(id)).length;

    before(async () => {
      database = await createTestDatabase(target, { seed: false });
      db = database.database.db;
      sendgrid = await FakeHttpEndpoint.start((request) => {
        const id = (JSON.parse(request.body) as { custom_args: { hatago_message_id: string } }).custom_args.hatago_message_id;
        return scripts.get(id)?.shift() ?? { status: 202, headers: { 'x-message-id': `sg-${id}` } };
      });
    });
    after(async () => {
      await sendgrid.close();
      await database.dispose();
    });

    test('the sink delivers mail and notices, storing what was sent and a timeline', async () => {
      const mail = await queueMail(db);
      const notice = await enqueueNotice(db, operatorAlert, { channel: '#ops', params: SAMPLE_ALERT, idempotencyKey: `n-${++keys}` });
      await deliverUntil({ db, providers: [new SinkProvider(db, 'no-reply@hatago.example')] }, 'both are sent', async () =>
        (await statusOf(db, mail.id)).status === 'sent' && (await statusOf(db, notice.id)).status === 'sent',
      );
      const row = await statusOf(db, mail.id);
      assert.equal(row.provider, 'sink');
      assert.equal(row.subject, 'Welcome to Hatago');
      assert.match(row.body_html!, /Dear Hanako/);
      assert.equal(row.attempts, 1);
      assert.equal(row.leased_by, null);
      assert.deepEqual(await timeline(db, mail.id), ['sending', 'sent']);
      const inbox = await db.selectFrom('mail_sink_messages').selectAll().where('message_id', 'in', [mail.id, notice.id]).orderBy('message_id').execute();
      assert.deepEqual(inbox.map((m) => m.recipient), ['guest@example.com', '#ops']);
      assert.equal(row.provider_message_id, `sink-${inbox[0]!.id}`);
    });

    test('each channel goes to its own provider: mail to SendGrid, notices to their Slack webhook', async () => {
      const slack = await FakeHttpEndpoint.start(() => ({ status: 200, body: 'ok' }));
      try {
        const mail = await queueMail(db);
        const notice = await enqueueNotice(db, inventoryNotice, { channel: 'facility-ops', params: SAMPLE_INVENTORY, idempotencyKey: `n-${++keys}` });
        const providers = [provider(), new SlackProvider({ webhooks: { '#facility-ops': `${slack.url}/hook` }, ratePerSecond: 1, timeoutMs: 1500 })];
        await deliverUntil({ db, providers }, 'both are sent', async () =>
          (await statusOf(db, mail.id)).status === 'sent' && (await statusOf(db, notice.id)).status === 'sent',
        );
        assert.equal(accepted(mail.id), 1);
        assert.equal(slack.requests.length, 1);
        assert.match((JSON.parse(slack.requests[0]!.body) as { text: string }).text, /^Inventory changed at Inn &lt;&amp;&gt; Spa/);
        assert.deepEqual([(await statusOf(db, notice.id)).provider, (await statusOf(db, mail.id)).provider], ['slack', 'sendgrid']);
      } finally {
        await slack.close();
      }
    });

    test('a suppressed address is recorded as suppressed and not sent', async () => {
      await sql`insert into mail_suppressions (address, reason) values ('blocked@example.com', 'manual')`.execute(db);
      const mail = await queueMail(db, 'Blocked@Example.com');
      await deliverUntil({ db, providers: [provider()] }, 'suppressed', async () => (await statusOf(db, mail.id)).status === 'suppressed');
      assert.equal(accepted(mail.id), 0);
      assert.deepEqual(await timeline(db, mail.id), ['sending', 'suppressed']);
    });

    test('5xx, 429 and a timeout from the provider are retried with backoff, then the mail is delivered once', async () => {
      const mail = await queueMail(db);
      scripts.set(String(mail.id), [{ status: 503, body: 'busy' }, { status: 429, headers: { 'retry-after': '0' } }, 'hold']);
      await deliverUntil({ db, providers: [provider()] }, 'sent after retries', async () => (await statusOf(db, mail.id)).status === 'sent');
      const row = await statusOf(db, mail.id);
      assert.equal(row.attempts, 4);
      assert.equal(row.provider_message_id, `sg-${mail.id}`);
      assert.equal(row.last_error, null);
      assert.deepEqual(await timeline(db, mail.id), ['sending', 'retry_scheduled', 'sending', 'retry_scheduled', 'sending', 'retry_scheduled', 'sending', 'sent']);
      assert.equal(accepted(mail.id), 4, 'four requests reached the provider; only the last was accepted');
    });

    test('a permanent 4xx fails at once with the provider\'s reason', async () => {
      const mail = await queueMail(db);
      scripts.set(String(mail.id), [{ status: 400, body: JSON.stringify({ errors: [{ message: 'The from address does not match a verified Sender Identity.', field: 'from' }] }) }]);
      await deliverUntil({ db, providers: [provider()] }, 'failed', async () => (await statusOf(db, mail.id)).status === 'failed');
      const row = await statusOf(db, mail.id);
      assert.equal(row.attempts, 1);
      assert.equal(row.last_error, 'HTTP 400: from: The from address does not match a verified Sender Identity.');
      assert.deepEqual(await timeline(db, mail.id), ['sending', 'failed']);
    });

    test('transient failures up to the limit dead-letter the message', async () => {
      const mail = await queueMail(db);
      scripts.set(String(mail.id), Array.from({ length: 10 }, () => ({ status: 500, body: 'down' })));
      await deliverUntil({ db, providers: [provider()], retry: { ...FAST_RETRY, maxAttempts: 3 } }, 'dead', async () => (await statusOf(db, mail.id)).status === 'dead');
      const row = await statusOf(db, mail.id);
      assert.equal(row.attempts, 3);
      assert.match(row.last_error!, /HTTP 500: down \(attempt 3 of 3\)/);
      assert.equal(accepted(mail.id), 3);
    });

    test('an expired lease returns the message to the queue, and the late worker cannot record over the new attempt', async () => {
      const mail = await queueMail(db);
      const [ghost] = await claimMessages(db, { workerId: 'ghost-worker', channels: ['email'], limit: 1, leaseMs: 1 });
      assert.equal(ghost?.id, mail.id);
      await deliverUntil({ db, providers: [new SinkProvider(db, 'no-reply@hatago.example')] }, 'taken over and sent', async () => (await statusOf(db, mail.id)).status === 'sent');
      assert.equal(await recordOutcome(db, 'ghost-worker', mail.id, { kind: 'failed', error: 'too late' }), false);
      const row = await statusOf(db, mail.id);
      assert.deepEqual([row.status, row.attempts, row.last_error], ['sent', 2, null]);
      const copies = await db.selectFrom('mail_sink_messages').select('id').where('message_id', '=', mail.id).execute();
      assert.equal(copies.length, 1);
    });

    test('a stalled provider holds back claiming: the queue grows, nothing is dropped, and draining returns unsent claims', async () => {
      await sql`update mail_messages set status = 'discarded' where status in ('queued', 'sending')`.execute(db);
      const ids: number[] = [];
      for (let i = 0; i < 12; i++) ids.push((await queueMail(db)).id);
      const gated = new GatedProvider();
      const workers = startMailWorkers({ db, providers: [gated], templates: testTemplates, logger, concurrency: 1, batchSize: 5, pollIntervalMs: 10, retry: FAST_RETRY });
      await waitUntil('the first send is held', () => gated.waiting === 1);
      const counts = async () =>
        Object.fromEntries(
          (await sql<{ status: string; n: number }>`select status, count(*)::int as n from mail_messages where id in (${sql.join(ids)}) group by status`.execute(db)).rows.map((r) => [r.status, r.n]),
        );
      assert.deepEqual(await counts(), { sending: 5, queued: 7 }, 'one batch claimed, the rest left for other workers');
      const stopping = workers.stop();
      gated.release();
      await stopping;
      assert.deepEqual(await counts(), { sent: 1, queued: 11 }, 'the in-flight send finished, the unsent claims went back');
      const resumed = startMailWorkers({ db, providers: [new SinkProvider(db, 'no-reply@hatago.example')], templates: testTemplates, logger, pollIntervalMs: 10 });
      try {
        await waitUntil('all sent', async () => (await counts()).sent === 12);
      } finally {
        await resumed.stop();
      }
      const released = await db.selectFrom('mail_messages').select('attempts').where('id', '=', ids[1]!).executeTakeFirstOrThrow();
      assert.equal(released.attempts, 1, 'a released claim does not count as an attempt');
    });
  });
}
