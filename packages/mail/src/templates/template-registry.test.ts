import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { Type } from '@sinclair/typebox';
import type { Executor } from '@hatago/db';
import { DomainError } from '@hatago/platform/errors';
import { html } from '@hatago/platform/html';
import { createLogger } from '@hatago/platform/logging';
import { createTestDatabase, type TestDatabase, testDatabaseTargets } from '@hatago/test-support';
import { startMailWorkers } from '../delivery/mail-workers.ts';
import { enqueueMail, type MailRequest } from '../outbox/enqueue-mail.ts';
import { SinkProvider } from '../providers/sink/sink-provider.ts';
import { waitUntil } from '../testing/fake-http-endpoint.ts';
import { assertNoticeEscapes } from '../testing/template-assertions.ts';
import { SAMPLE_ALERT, welcomeMail } from '../testing/test-templates.ts';
import { mailLayout, textLayout } from './mail-layout.ts';
import { operatorAlert } from './operator-alert.ts';
import { emailTemplate } from './template.ts';
import { createTemplateRegistry } from './template-registry.ts';

// declared the way a module outside mail declares its mail: mail has never heard of restaurants
const restaurantConfirmation = emailTemplate({
  name: 'restaurant-confirmation',
  params: Type.Object({ table: Type.Object({ restaurant: Type.String({ minLength: 1 }), seats: Type.Integer({ minimum: 1 }) }) }),
  render: ({ table }, locale) => ({
    subject: `Your table at ${table.restaurant}`,
    html: mailLayout(locale, 'Your table', html`<p>${table.seats} seats at ${table.restaurant}</p>`),
    text: textLayout(locale, 'Your table', `${table.seats} seats at ${table.restaurant}`),
  }),
});

describe('template registry', () => {
  const templates = createTemplateRegistry([operatorAlert, restaurantConfirmation]);

  test('Slack notices escape &, < and > so text cannot mention channels or forge links', () => {
    assertNoticeEscapes(templates, 'operator-alert', SAMPLE_ALERT);
  });

  test('params are checked against each template\'s schema', () => {
    assert.deepEqual(templates.paramErrors('operator-alert', SAMPLE_ALERT), []);
    assert.ok(templates.paramErrors('operator-alert', { title: 't', text: 'x', severity: 'panic' }).some((e) => e.path === '/severity'));
    assert.deepEqual(templates.paramErrors('no-such-template', {}), [{ path: '', message: 'Unknown template no-such-template' }]);
  });

  test('two templates under one name are refused: a stored message would render by chance', () => {
    assert.throws(() => createTemplateRegistry([operatorAlert, { ...restaurantConfirmation, name: 'operator-alert' }]), /operator-alert is registered twice/);
  });
});

for (const target of testDatabaseTargets()) {
  describe(`a template declared outside mail (${target.name})`, () => {
    let database: TestDatabase;
    let db: Executor;
    const logger = createLogger('mail-test', process.env.TEST_LOG_LEVEL ?? 'silent');
    const request = (key: string): MailRequest<{ table: { restaurant: string; seats: number } }> => ({
      to: 'diner@example.com',
      locale: 'en',
      params: { table: { restaurant: 'Sushi <Ginza>', seats: 4 } },
      category: 'restaurant',
      idempotencyKey: key,
    });
    const statusOf = async (id: number) => (await db.selectFrom('mail_messages').selectAll().where('id', '=', id).executeTakeFirstOrThrow());
    before(async () => {
      database = await createTestDatabase(target, { seed: false });
      db = database.database.db;
    });
    after(() => database.dispose());

    test('is enqueued with typed params and delivered through the sink by workers given a registry holding it', async () => {
      const queued = await enqueueMail(db, restaurantConfirmation, request('table-1'));
      // a message whose template this process's registry lacks fails instead of going out wrong
      const unknown = await enqueueMail(db, welcomeMail, { ...request('welcome-1'), params: { name: 'Ken' } });
      const workers = startMailWorkers({ db, providers: [new SinkProvider(db, 'no-reply@hatago.example')], templates: createTemplateRegistry([restaurantConfirmation]), logger, pollIntervalMs: 10 });
      try {
        await waitUntil('both are settled', async () => (await statusOf(queued.id)).status === 'sent' && (await statusOf(unknown.id)).status === 'failed');
      } finally {
        await workers.stop();
      }
      const inbox = await db.selectFrom('mail_sink_messages').selectAll().where('message_id', '=', queued.id).executeTakeFirstOrThrow();
      assert.equal(inbox.subject, 'Your table at Sushi <Ginza>');
      assert.match(inbox.body_html!, /4 seats at Sushi &lt;Ginza&gt;/);
      assert.equal((await statusOf(unknown.id)).last_error, 'cannot render: Unknown template test-welcome');
    });

    test('wrong params do not compile, and are refused at enqueue if forced through', async () => {
      const wrong = { ...request('table-2'), params: { table: { restaurant: 'Sushi Ginza', seats: 'four' } } };
      await assert.rejects(
        // @ts-expect-error seats is a number in the template's schema, so its params type says so too
        enqueueMail(db, restaurantConfirmation, wrong),
        (e: DomainError) => e instanceof DomainError && e.fields.map((f) => f.field).join() === 'params/table/seats',
      );
    });
  });
}
