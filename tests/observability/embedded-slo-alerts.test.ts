import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { sql } from 'kysely';
import { startEmbeddedPlatform } from '@hatago/embedded';
import { FakeHttpEndpoint, waitUntil } from '@hatago/mail/testing';
import { DEMO_PASSWORD } from '@hatago/demo-data';
import { bookContinuously } from './support/book-continuously.ts';

const logLevel = process.env.TEST_LOG_LEVEL ?? 'silent';

describe('embedded SLO alerts: evaluated in process, posted to Slack through the mail platform, shown in the console', () => {
  it('booking errors raise the fast burn alert on Slack and on /operator/sre; it resolves when they stop', { timeout: 240_000 }, async () => {
    const slack = await FakeHttpEndpoint.start(() => ({ status: 200, body: 'ok' }));
    const platform = await startEmbeddedPlatform({
      port: 0,
      host: '127.0.0.1',
      // no restaurants: left out, the seed makes 8 per area (80, with their photos), which the alert never reads
      seed: { hotelsPerArea: 1, restaurantsPerArea: 0, days: 30 },
      logLevel,
      bookingAttemptsPerMinute: 1_000_000,
      // windows divided by 60 as in the Prometheus end-to-end test: the 1 h window is 60 s
      sre: { sampleEveryMs: 250, timeScale: 60 },
      slackWebhooks: { '#hatago-alerts': `${slack.url}/services/T000/B000/embedded` },
    });
    const db = platform.database.db;
    const traffic = bookContinuously(platform.url, (await sql<{ id: number }>`select id from rate_plans order by id limit 1`.execute(db)).rows[0]!.id);
    const posted = (title: string) => () => slack.requests.map((r) => JSON.parse(r.body) as { text: string }).find((p) => p.text.includes(title));
    try {
      await waitUntil('healthy bookings evaluated', () => platform.sre.snapshot().slos.find((s) => s.name === 'booking-availability')?.sli === 1, 60_000);
      await sql`alter table reservations rename to reservations_out_of_service`.execute(db);
      const page = await waitUntil('Slack gets the page through the mail outbox', posted('[FIRING] SloErrorBudgetBurnFast booking-availability'), 120_000);
      assert.match(page.text, /^:rotating_light: \[critical\]/);
      // Slack has the post before the worker records the outcome: wait for the row to leave `sending`
      const notice = await waitUntil('the notice recorded in the mail history', async () => {
        const { rows } = await sql<{ status: string; channel: string; recipient: string }>`
          select status, channel, recipient from mail_messages where template = 'operator-alert' order by id limit 1`.execute(db);
        return rows[0]?.status === 'sending' ? undefined : rows[0];
      });
      assert.deepEqual(notice, { status: 'sent', channel: 'slack', recipient: '#hatago-alerts' }, 'a notice in the mail history');

      const cookie = await signIn(platform.url);
      const data = (await (await fetch(`${platform.url}/operator/sre/data`, { headers: { cookie } })).json()) as { alerts: Array<{ alert: string; slo: string }> };
      assert.ok(data.alerts.some((a) => a.alert === 'SloErrorBudgetBurnFast' && a.slo === 'booking-availability'));
      const html = await (await fetch(`${platform.url}/operator/sre`, { headers: { cookie } })).text();
      assert.match(html, /SloErrorBudgetBurnFast<\/strong> booking-availability/);

      await sql`alter table reservations_out_of_service rename to reservations`.execute(db);
      await waitUntil('Slack gets the resolution', posted('[RESOLVED] SloErrorBudgetBurnFast booking-availability'), 120_000);
      assert.ok(!platform.sre.snapshot().alerts.some((a) => a.alert === 'SloErrorBudgetBurnFast' && a.slo === 'booking-availability'));
    } finally {
      await traffic.stop();
      await platform.close();
      await slack.close();
    }
  });
});

async function signIn(baseUrl: string): Promise<string> {
  const res = await fetch(`${baseUrl}/operator/login`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', origin: baseUrl },
    body: new URLSearchParams({ login: 'support', password: DEMO_PASSWORD, next: '/operator/' }),
  });
  assert.equal(res.status, 303);
  return res.headers.getSetCookie()[0]!.split(';')[0]!;
}
