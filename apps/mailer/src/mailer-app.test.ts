import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { memberWelcome } from '@hatago/identity';
import { enqueueMail, SinkProvider, startMailWorkers } from '@hatago/mail';
import { waitUntil } from '@hatago/mail/testing';
import { ConfigError } from '@hatago/platform/config';
import type { HttpApp } from '@hatago/platform/http';
import { createTestDatabase, METRICS_AUTH, type TestDatabase, testAppDeps, testDatabaseTargets } from '@hatago/test-support';
import { createMailMetrics } from './mail-metrics.ts';
import { buildMailerApp } from './mailer-app.ts';
import { loadMailerConfig } from './mailer-config.ts';
import { platformTemplates } from '@hatago/runtime';
import { providersFromConfig } from './providers-from-config.ts';

describe('mailer HTTP app', () => {
  let db: TestDatabase;
  let app: HttpApp;
  before(async () => {
    db = await createTestDatabase(testDatabaseTargets()[0]!, { seed: false });
    const deps = testAppDeps(db.database);
    const metrics = createMailMetrics(db.database.db);
    app = await buildMailerApp({ database: db.database, logger: deps.logger, metrics: metrics.registry, metricsToken: deps.metricsToken });
    const workers = startMailWorkers({ db: db.database.db, providers: [new SinkProvider(db.database.db, 'no-reply@hatago.example')], templates: platformTemplates, logger: deps.logger, pollIntervalMs: 10, observer: metrics.observer });
    const queued = await enqueueMail(db.database.db, memberWelcome, { to: 'guest@example.com', locale: 'ja', params: { name: '花子' }, category: 'member', idempotencyKey: 'welcome-1' });
    await waitUntil('sent', async () => (await db.database.db.selectFrom('mail_messages').select('status').where('id', '=', queued.id).executeTakeFirst())?.status === 'sent');
    await workers.stop();
    await enqueueMail(db.database.db, memberWelcome, { to: 'later@example.com', locale: 'en', params: { name: 'Ken' }, category: 'member', idempotencyKey: 'welcome-2' });
  });
  after(async () => {
    await app.close();
    await db.dispose();
  });

  test('answers health and readiness probes', async () => {
    assert.equal((await app.inject({ url: '/healthz' })).statusCode, 200);
    assert.equal((await app.inject({ url: '/readyz' })).json().status, 'ready');
  });

  test('publishes delivery counters, send latency and queue depth beside the HTTP metrics', async () => {
    const text = (await app.inject({ url: '/metrics', headers: METRICS_AUTH })).body;
    assert.match(text, /^mail_sent_total\{provider="sink"\} 1$/m);
    assert.match(text, /^mail_send_duration_seconds_count\{provider="sink",outcome="sent"\} 1$/m);
    assert.match(text, /^mail_queue_depth 1$/m);
    // the mail-delivery SLO: the message went out well within its 300 s bucket
    assert.match(text, /^mail_delivery_seconds_bucket\{le="300",outcome="sent"\} 1$/m);
    const oldest = Number(/^mail_oldest_due_message_age_seconds (\S+)$/m.exec(text)?.[1]);
    assert.ok(oldest >= 0 && oldest < 600, `the waiting message is the oldest due, queued moments ago: ${oldest}`);
    assert.match(text, /^# TYPE mail_retried_total counter$/m);
    assert.match(text, /^# TYPE http_request_duration_seconds histogram$/m);
  });

  test('errors are problem+json: the mailer has no pages', async () => {
    const response = await app.inject({ url: '/nothing-here' });
    assert.equal(response.statusCode, 404);
    assert.match(String(response.headers['content-type']), /application\/problem\+json/);
  });
});

describe('mailer configuration', () => {
  const env = (extra: Record<string, string>) => ({ DATABASE_URL: 'postgres://mailer@db/hatago', ...extra });
  const refusal = (extra: Record<string, string>) => {
    try {
      loadMailerConfig(env(extra));
    } catch (error) {
      assert.ok(error instanceof ConfigError);
      return error.message;
    }
    assert.fail('accepted');
  };

  test('defaults to the sink provider and reads every setting', () => {
    const config = loadMailerConfig(env({ MAIL_WORKERS: '4', MAIL_RATE_PER_SECOND: '2.5', SLACK_WEBHOOKS: '{"#ops":"https://hooks.slack.com/services/T/B/X"}' }));
    assert.equal(config.MAIL_PROVIDER, 'sink');
    assert.equal(config.MAIL_WORKERS, 4);
    assert.equal(config.MAIL_RATE_PER_SECOND, 2.5);
    assert.deepEqual(config.slackWebhooks, { '#ops': 'https://hooks.slack.com/services/T/B/X' });
    const providers = providersFromConfig(config, {} as never);
    assert.deepEqual(providers.map((p) => [p.name, [...p.channels]]), [['sink', ['email']], ['slack', ['slack']]]);
  });

  test('a wrong or missing value stops start-up naming the variable', () => {
    assert.match(refusal({ MAIL_PROVIDER: 'postfix' }), /^invalid configuration: MAIL_PROVIDER \("postfix"\)/);
    assert.match(refusal({ MAIL_PROVIDER: 'smtp' }), /^invalid configuration: SMTP_URL \(missing\)/);
    assert.match(refusal({ MAIL_PROVIDER: 'sendgrid' }), /^invalid configuration: SENDGRID_API_KEY \(missing\)/);
    assert.match(refusal({ SLACK_WEBHOOKS: '{"#ops": 42}' }), /^invalid configuration: SLACK_WEBHOOKS/);
    assert.match(refusal({ SLACK_WEBHOOKS: 'hooks' }), /^invalid configuration: SLACK_WEBHOOKS \(not JSON\)/);
    assert.match(refusal({ MAIL_LEASE_SECONDS: '5', MAIL_SEND_TIMEOUT_MS: '5000' }), /^invalid configuration: MAIL_LEASE_SECONDS \(5\)/);
    assert.match(refusal({ MAIL_WORKERS: '0' }), /^invalid configuration: MAIL_WORKERS/);
    assert.match(refusal({ DATABASE_URL: '' }), /^invalid configuration: DATABASE_URL \(missing\)/);
  });
});
