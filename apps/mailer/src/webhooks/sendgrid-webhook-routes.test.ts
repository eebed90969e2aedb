import assert from 'node:assert/strict';
import { createSign, generateKeyPairSync, type KeyObject } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { memberWelcome } from '@hatago/identity';
import { enqueueMail } from '@hatago/mail';
import { createHttpApp, type HttpApp } from '@hatago/platform/http';
import { createLogger } from '@hatago/platform/logging';
import { createTestDatabase, type TestDatabase, testDatabaseTargets } from '@hatago/test-support';
import { buildMailerApp } from '../mailer-app.ts';
import { SENDGRID_EVENTS_PATH, sendgridWebhookRoutes } from './sendgrid-webhook-routes.ts';

const NOW = new Date('2026-11-25T12:00:00Z');
const nowSeconds = NOW.getTime() / 1000;

const keyPair = () => generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
const spkiBase64 = (key: KeyObject) => key.export({ format: 'der', type: 'spki' }).toString('base64');

/** What SendGrid does: ECDSA P-256 / SHA-256 over the timestamp followed by the exact body, DER, base64. */
const sign = (privateKey: KeyObject, timestamp: string, body: string) =>
  createSign('sha256').update(timestamp + body).sign(privateKey).toString('base64');

for (const target of testDatabaseTargets()) {
  describe(`SendGrid event webhook (${target.name})`, () => {
    let db: TestDatabase;
    let app: HttpApp;
    let unconfigured: HttpApp;
    let mailer: HttpApp;
    const sendgrid = keyPair();
    const ids: Record<string, number> = {};
    let serial = 0;

    const post = (body: string, headers: Record<string, string>, on: HttpApp = app) =>
      on.inject({ method: 'POST', url: SENDGRID_EVENTS_PATH, headers: { 'content-type': 'application/json', ...headers }, payload: body });
    const signed = (body: string, options: { at?: number; key?: KeyObject } = {}) => {
      const timestamp = String(options.at ?? nowSeconds - 10);
      return {
        'x-twilio-email-event-webhook-signature': sign(options.key ?? sendgrid.privateKey, timestamp, body),
        'x-twilio-email-event-webhook-timestamp': timestamp,
      };
    };
    const event = (type: string, message: string, extra: Record<string, unknown> = {}) => {
      serial += 1;
      return {
        email: `${message}@Example.com`,
        timestamp: nowSeconds - 100 + serial,
        event: type,
        sg_event_id: `evt-${message}-${type}-${serial}`,
        sg_message_id: `sg-${message}.filterdrecv-1-2`,
        hatago_message_id: String(ids[message]),
        ...extra,
      };
    };
    const statusOf = async (message: string) =>
      (await sql<{ status: string }>`select status from mail_messages where id = ${ids[message]}`.execute(db.database.db)).rows[0]!.status;
    const timelineOf = async (message: string) =>
      (
        await sql<{ type: string; detail: string | null }>`select type, detail from mail_events where message_id = ${ids[message]} and source = 'provider' order by occurred_at, id`.execute(
          db.database.db,
        )
      ).rows;
    const suppressed = async () =>
      (await sql<{ address: string; reason: string }>`select address, reason from mail_suppressions order by address`.execute(db.database.db)).rows;
    /** Everything the webhook may change, to show that a refused request changed none of it. */
    const state = async () =>
      JSON.stringify([
        (await sql`select id, status, updated_at from mail_messages order by id`.execute(db.database.db)).rows,
        (await sql`select * from mail_events order by id`.execute(db.database.db)).rows,
        await suppressed(),
      ]);

    before(async () => {
      db = await createTestDatabase(target, { seed: false });
      for (const name of ['alice', 'bob', 'carol', 'dave', 'erin', 'frank']) {
        await enqueueMail(db.database.db, memberWelcome, {
          to: `${name}@Example.com`,
          locale: 'en',
          params: { name },
          category: 'member',
          idempotencyKey: `webhook-test-${name}`,
        });
        // as the worker leaves a message SendGrid accepted
        const { rows } = await sql<{ id: number }>`
          update mail_messages set status = 'sent', provider = 'sendgrid', provider_message_id = ${`sg-${name}`}, sent_at = now()
          where idempotency_key = ${`webhook-test-${name}`} returning id`.execute(db.database.db);
        ids[name] = Number(rows[0]!.id);
      }
      const logger = createLogger('test', 'silent');
      const bare = () => createHttpApp({ service: 'mailer', logger, readiness: async () => {}, errorPage: () => 'error' });
      app = bare();
      await app.register(sendgridWebhookRoutes({ database: db.database, publicKey: spkiBase64(sendgrid.publicKey), now: () => NOW }));
      unconfigured = bare();
      await unconfigured.register(sendgridWebhookRoutes({ database: db.database, publicKey: undefined, now: () => NOW }));
      mailer = await buildMailerApp({ database: db.database, logger, sendgridWebhook: { publicKey: spkiBase64(sendgrid.publicKey) } });
    });
    after(async () => {
      await app.close();
      await unconfigured.close();
      await mailer.close();
      await db.dispose();
    });

    it('maps a signed batch onto statuses, timelines and the suppression list', async () => {
      const batch = [
        event('processed', 'alice'),
        event('delivered', 'alice', { response: '250 OK' }),
        event('open', 'alice'),
        event('click', 'alice', { url: 'https://hatago.example/r/1' }),
        event('deferred', 'bob', { response: '421 try later', attempt: '1' }),
        event('bounce', 'carol', { type: 'bounce', status: '5.1.1', reason: 'mailbox does not exist' }),
        event('spamreport', 'dave'),
        event('dropped', 'erin', { reason: 'Invalid' }),
        event('bounce', 'frank', { type: 'blocked', reason: 'IP reputation' }),
        // for a message of no one's: acknowledged, not recorded
        { ...event('delivered', 'alice'), hatago_message_id: '999999', sg_message_id: 'unknown.x' },
        // types we do not track
        { ...event('group_resubscribe', 'alice') },
      ];
      const body = JSON.stringify(batch);
      const response = await post(body, signed(body));
      assert.equal(response.statusCode, 200, response.body);
      assert.deepEqual(response.json(), { received: 11, skipped: 1, recorded: 9, duplicates: 0, unknownMessage: 1, statusChanges: 5, suppressed: 2 });
      assert.equal(await statusOf('alice'), 'delivered');
      assert.equal(await statusOf('bob'), 'deferred');
      assert.equal(await statusOf('carol'), 'bounced');
      assert.equal(await statusOf('dave'), 'sent', 'a spam report keeps the status');
      assert.equal(await statusOf('erin'), 'dropped');
      assert.equal(await statusOf('frank'), 'bounced');
      assert.deepEqual(await timelineOf('alice'), [
        { type: 'processed', detail: null },
        { type: 'delivered', detail: '250 OK' },
        { type: 'open', detail: null },
        { type: 'click', detail: 'https://hatago.example/r/1' },
      ]);
      assert.deepEqual(await timelineOf('carol'), [{ type: 'bounce', detail: 'bounce · 5.1.1 · mailbox does not exist' }]);
      // lowercased; a blocked (temporary) bounce does not suppress
      assert.deepEqual(await suppressed(), [
        { address: 'carol@example.com', reason: 'bounce' },
        { address: 'dave@example.com', reason: 'spamreport' },
      ]);
      const { rows } = await sql<{ occurred_at: Date }>`select occurred_at from mail_events where provider_event_id = ${batch[1]!.sg_event_id}`.execute(
        db.database.db,
      );
      assert.equal(new Date(rows[0]!.occurred_at).getTime(), (batch[1]!.timestamp as number) * 1000, 'the event time, not the arrival time');
    });

    it('changes nothing when the same batch is delivered again, even freshly signed', async () => {
      const batch = [event('delivered', 'bob'), event('unsubscribe', 'bob')];
      const body = JSON.stringify(batch);
      assert.equal((await post(body, signed(body))).statusCode, 200);
      assert.equal(await statusOf('bob'), 'delivered');
      const before = await state();
      const replay = await post(body, signed(body, { at: nowSeconds - 5 }));
      assert.equal(replay.statusCode, 200);
      assert.equal(replay.json().duplicates, 2);
      assert.equal(replay.json().recorded, 0);
      assert.equal(await state(), before);
    });

    it('never moves a status backwards: a late deferral leaves a delivered mail delivered', async () => {
      const late = [event('deferred', 'alice', { timestamp: nowSeconds - 5000, response: '451 greylisted' })];
      const body = JSON.stringify(late);
      const response = await post(body, signed(body));
      assert.equal(response.json().statusChanges, 0);
      assert.equal(await statusOf('alice'), 'delivered');
      assert.equal((await timelineOf('alice'))[0]!.type, 'deferred', 'it still shows on the timeline, at its own time');
      // a later hard bounce is news: the receiving server accepted, then returned the mail
      const bounce = JSON.stringify([event('bounce', 'alice', { type: 'bounce', reason: 'returned' })]);
      await post(bounce, signed(bounce));
      assert.equal(await statusOf('alice'), 'bounced');
      const delivered = JSON.stringify([event('delivered', 'alice')]);
      await post(delivered, signed(delivered));
      assert.equal(await statusOf('alice'), 'bounced');
    });

    it("finds the message by SendGrid's message id when the custom arg is missing", async () => {
      const { hatago_message_id: _omitted, ...withoutArg } = event('delivered', 'dave');
      const body = JSON.stringify([withoutArg]);
      const response = await post(body, signed(body));
      assert.equal(response.json().recorded, 1);
      assert.equal((await timelineOf('dave')).at(-1)!.type, 'delivered');
    });

    it('records a signed batch whose fields carry control characters without a 500: unmatchable events skipped, free text cleaned', async () => {
      const bounce = event('bounce', 'frank', { type: 'bounce\u0000', reason: '550 mailbox\u0000 unknown\u001b[31m', status: '5.1.1' });
      const unmatchable = [
        event('delivered', 'frank', { sg_event_id: 'evt-\u0000-frank' }),
        event('delivered', 'frank', { email: 'frank\u0000@example.com' }),
        event('delivered', 'frank', { sg_message_id: 'sg-\u0000.filter', hatago_message_id: undefined }),
      ];
      const body = JSON.stringify([bounce, ...unmatchable]);
      const response = await post(body, signed(body));
      assert.equal(response.statusCode, 200, response.body);
      assert.equal(response.json().recorded, 1);
      assert.deepEqual((await timelineOf('frank')).at(-1), { type: 'bounce', detail: 'bounce · 5.1.1 · 550 mailbox unknown[31m' });
    });

    it('refuses unsigned, forged, tampered, stale and future batches with problem+json and no state change', async () => {
      const body = JSON.stringify([event('delivered', 'erin'), event('unsubscribe', 'frank')]);
      const attacker = keyPair();
      const good = signed(body);
      const cases: Array<[string, Record<string, string>, string, number, string]> = [
        ['unsigned', {}, body, 401, 'WEBHOOK_UNSIGNED'],
        ['signature without timestamp', { 'x-twilio-email-event-webhook-signature': good['x-twilio-email-event-webhook-signature'] }, body, 401, 'WEBHOOK_UNSIGNED'],
        ['signed by another key', signed(body, { key: attacker.privateKey }), body, 401, 'WEBHOOK_SIGNATURE_INVALID'],
        ['body changed after signing', good, body.replace('erin@', 'mallory@'), 401, 'WEBHOOK_SIGNATURE_INVALID'],
        ['timestamp changed after signing', { ...good, 'x-twilio-email-event-webhook-timestamp': String(nowSeconds - 1) }, body, 401, 'WEBHOOK_SIGNATURE_INVALID'],
        ['re-serialised body', good, JSON.stringify(JSON.parse(body), null, 1), 401, 'WEBHOOK_SIGNATURE_INVALID'],
        ['stale', signed(body, { at: nowSeconds - 301 }), body, 401, 'WEBHOOK_STALE'],
        ['from the future', signed(body, { at: nowSeconds + 600 }), body, 401, 'WEBHOOK_FROM_FUTURE'],
        ['signature not base64', { ...good, 'x-twilio-email-event-webhook-signature': 'not base64!' }, body, 400, 'WEBHOOK_SIGNATURE_MALFORMED'],
        ['timestamp not a number', { ...good, 'x-twilio-email-event-webhook-timestamp': 'yesterday' }, body, 400, 'WEBHOOK_SIGNATURE_MALFORMED'],
        ['signature not DER', { ...good, 'x-twilio-email-event-webhook-signature': Buffer.from('garbage').toString('base64') }, body, 401, 'WEBHOOK_SIGNATURE_INVALID'],
      ];
      const before = await state();
      for (const [name, headers, payload, status, code] of cases) {
        const response = await post(payload, headers);
        assert.equal(response.statusCode, status, name);
        assert.equal(response.headers['content-type'], 'application/problem+json; charset=utf-8', name);
        assert.equal(response.json().code, code, name);
      }
      assert.equal(await state(), before);
    });

    it('refuses signed bodies that are not a JSON array of events with 400 and no state change', async () => {
      const before = await state();
      for (const [payload, code] of [
        ['[{"event":"delivered",', 'WEBHOOK_MALFORMED'],
        ['{"event":"delivered"}', 'WEBHOOK_MALFORMED'],
        [`[${JSON.stringify(event('delivered', 'erin'))}, 42]`, 'WEBHOOK_MALFORMED'],
        ['', 'WEBHOOK_MALFORMED'],
      ] as const) {
        const response = await post(payload, signed(payload));
        assert.equal(response.statusCode, 400, payload);
        assert.equal(response.json().code, code, payload);
      }
      assert.equal(await state(), before);
    });

    it('refuses every batch with 503 while no verification key is configured', async () => {
      const body = JSON.stringify([event('delivered', 'erin')]);
      const before = await state();
      const response = await post(body, signed(body), unconfigured);
      assert.equal(response.statusCode, 503);
      assert.equal(response.json().code, 'WEBHOOK_NOT_CONFIGURED');
      assert.equal(await state(), before);
    });

    it('is served by the mailer app, against the clock', async () => {
      const now = Math.floor(Date.now() / 1000);
      const body = JSON.stringify([{ ...event('open', 'erin'), timestamp: now }]);
      const response = await post(body, signed(body, { at: now }), mailer);
      assert.equal(response.statusCode, 200, response.body);
      assert.equal(response.json().recorded, 1);
      const stale = await post(body, signed(body, { at: now - 3600 }), mailer);
      assert.equal(stale.statusCode, 401);
      assert.equal(stale.headers['content-type'], 'application/problem+json; charset=utf-8');
    });
  });
}
