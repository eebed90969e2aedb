import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { listAudit } from '@hatago/audit';
import { suppressAddress } from '@hatago/mail';
import { platformTemplates } from '@hatago/runtime';
import type { HttpApp } from '@hatago/platform/http';
import { createTestDatabase, staffSessionCookie, type TestDatabase, testAppDeps, testDatabaseTargets } from '@hatago/test-support';
import { buildOperatorApp } from '../operator-app.ts';

const FORM = { 'content-type': 'application/x-www-form-urlencoded' };
const HOSTILE_HTML = `<p>Welcome</p><script>parent.document.title='owned'</script><img src="https://tracker.example/p.gif"><a href="https://phish.example" target="_top">x</a>"></iframe><b>`;

describe('operator console mail pages', () => {
  let db: TestDatabase;
  let app: HttpApp;
  let support: string;
  let admin: string;
  const ids: Record<string, number> = {};

  const login = (name: string) => staffSessionCookie(app, '/operator', name);
  const get = (url: string, cookie?: string) => app.inject({ method: 'GET', url, headers: cookie ? { cookie } : {} });
  const post = (url: string, cookie: string, fields: Record<string, string> = {}) =>
    app.inject({ method: 'POST', url, headers: { ...FORM, cookie, origin: 'http://localhost' }, payload: new URLSearchParams(fields).toString() });
  const statusOf = async (id: number) =>
    (await sql<{ status: string }>`select status from mail_messages where id = ${id}`.execute(db.database.db)).rows[0]!.status;
  const lastAudit = async (action: string) => (await listAudit(db.database.db, { action, page: 1, pageSize: 1 }))[0];
  const message = async (key: string, status: string, body: { html: string | null; text: string | null }) => {
    const { rows } = await sql<{ id: number }>`
      insert into mail_messages (template, recipient, locale, params, category, idempotency_key, reference, status, subject, body_html, body_text, attempts, last_error)
      values ('reservation-confirmation', 'Ken.Sato@example.com', 'en', '{}', 'reservation', ${key}, 'HT12345678', ${status}, 'Your stay at Hatago',
              ${body.html}, ${body.text}, 5, ${status === 'dead' ? 'provider answered 503 five times' : null})
      returning id`.execute(db.database.db);
    return Number(rows[0]!.id);
  };

  before(async () => {
    db = await createTestDatabase(testDatabaseTargets()[0]!);
    app = await buildOperatorApp({ ...testAppDeps(db.database), mailTemplates: platformTemplates });
    support = await login('support');
    admin = await login('admin');
    ids.delivered = await message('mail-pages-delivered', 'delivered', { html: HOSTILE_HTML, text: 'Welcome, Ken <3' });
    ids.dead = await message('mail-pages-dead', 'dead', { html: '<p>dead</p>', text: 'dead' });
    ids.failed = await message('mail-pages-failed', 'failed', { html: null, text: null });
    await sql`insert into mail_events (message_id, type, source, occurred_at, detail) values
      (${ids.delivered}, 'sent', 'worker', '2026-11-20T01:00:00Z', 'sendgrid 202'),
      (${ids.delivered}, 'delivered', 'provider', '2026-11-20T01:00:09Z', '250 2.0.0 OK')`.execute(db.database.db);
    await sql`insert into mail_sink_messages (message_id, sender, recipient, subject, body_html, body_text, headers)
      values (${ids.delivered}, 'stay@hatago.example', 'ken.sato@example.com', 'Sink <subject>', ${HOSTILE_HTML}, 'sink text', '{"X-Hatago-Category":"reservation"}')`.execute(
      db.database.db,
    );
  });
  after(async () => {
    await app.close();
    await db.dispose();
  });

  it('sends signed-out visitors to the login page', async () => {
    for (const url of ['/operator/mail', `/operator/mail/${ids.delivered}`, '/operator/mail/suppressions', '/operator/mailbox']) {
      const response = await get(url);
      assert.equal(response.statusCode, 302, url);
      assert.match(String(response.headers.location), /^\/operator\/login\?next=/);
    }
  });

  it('lets support search the history, audited, and shows bad filters as field errors', async () => {
    const response = await get('/operator/mail?recipient=KEN.SATO%40example.com&status=dead', support);
    assert.equal(response.statusCode, 200);
    assert.equal(response.headers['cache-control'], 'private, no-store');
    assert.match(response.body, new RegExp(`href="/operator/mail/${ids.dead}"`));
    assert.doesNotMatch(response.body, new RegExp(`href="/operator/mail/${ids.delivered}"`));
    const audit = await lastAudit('mail.search');
    assert.deepEqual(audit!.detail!.criteria, { recipient: 'KEN.SATO@example.com', status: 'dead' });
    assert.equal(audit!.actor.name, 'Demo Support');
    const bad = await get('/operator/mail?recipient=ken&from=2026-13-01', support);
    assert.equal(bad.statusCode, 422);
    assert.match(bad.body, /Enter the whole address/);
    assert.match(bad.body, /Enter a date as YYYY-MM-DD/);
  });

  it('shows a message as the guest saw it inside a sandboxed frame that can run and load nothing', async () => {
    const response = await get(`/operator/mail/${ids.delivered}`, support);
    assert.equal(response.statusCode, 200);
    assert.match(String(response.headers['content-security-policy']), /default-src 'none'/);
    assert.doesNotMatch(String(response.headers['content-security-policy']), /script-src/);
    const frame = response.body.match(/<iframe class="mail-preview" sandbox="" [^>]*srcdoc="([^"]*)"><\/iframe>/);
    assert.ok(frame, 'one sandboxed frame with no permissions');
    // the hostile markup exists only escaped inside the attribute: it cannot close it or the frame
    assert.equal(response.body.split('<script').length, 1);
    assert.ok(!response.body.includes('<img src="https://tracker'));
    assert.match(frame[1]!, /^&lt;meta http-equiv=&quot;Content-Security-Policy&quot; content=&quot;default-src &#39;none&#39;/);
    assert.ok(frame[1]!.includes('&lt;script&gt;parent.document.title=&#39;owned&#39;&lt;/script&gt;'));
    assert.match(response.body, /<pre class="mail-text">Welcome, Ken &lt;3<\/pre>/);
    assert.match(response.body, /delivered<\/td><td>provider<\/td><td>250 2.0.0 OK/);
    assert.doesNotMatch(response.body, /action="\/operator\/mail\/\d+\/retry"/, 'nothing to retry on a delivered mail');
    const audit = await lastAudit('mail.view');
    assert.deepEqual(audit!.target, { type: 'mail_message', id: String(ids.delivered) });
  });

  it('never shows the body of a password reset mail to staff', async () => {
    const { rows } = await sql<{ id: number }>`
      insert into mail_messages (template, recipient, locale, params, category, idempotency_key, status, subject, body_html, body_text)
      values ('password-reset', 'ken.sato@example.com', 'en', '{}', 'member', 'mail-pages-reset', 'delivered', 'Reset your Hatago password',
              '<a href="https://hatago.example/members/password-reset/SECRETTOKEN">reset</a>', 'https://hatago.example/members/password-reset/SECRETTOKEN')
      returning id`.execute(db.database.db);
    const page = await get(`/operator/mail/${rows[0]!.id}`, admin);
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /Reset your Hatago password/);
    assert.match(page.body, /Not shown: this mail carries a password reset link/);
    assert.doesNotMatch(page.body, /SECRETTOKEN/);
  });

  it('shows attempts and the last error of a dead message, and lets support retry it (audited)', async () => {
    const page = await get(`/operator/mail/${ids.dead}`, support);
    assert.match(page.body, /provider answered 503 five times/);
    assert.match(page.body, new RegExp(`action="/operator/mail/${ids.dead}/retry"`));
    assert.doesNotMatch(page.body, /\/discard"/, 'discarding is for admins');
    const retry = await post(`/operator/mail/${ids.dead}/retry`, support);
    assert.equal(retry.statusCode, 303);
    assert.equal(retry.headers.location, `/operator/mail/${ids.dead}?notice=retried`);
    assert.equal(await statusOf(ids.dead!), 'queued');
    assert.equal((await lastAudit('mail.retry'))!.target.id, String(ids.dead));
    const again = await post(`/operator/mail/${ids.dead}/retry`, support);
    assert.equal(again.statusCode, 409, 'a queued message is not retried twice');
  });

  it('lets only admins discard, and never changes a message on refusal', async () => {
    const refused = await post(`/operator/mail/${ids.failed}/discard`, support);
    assert.equal(refused.statusCode, 403);
    assert.equal(await statusOf(ids.failed!), 'failed');
    const page = await get(`/operator/mail/${ids.failed}`, admin);
    assert.match(page.body, /Not rendered yet/);
    assert.match(page.body, new RegExp(`action="/operator/mail/${ids.failed}/discard"`));
    const discarded = await post(`/operator/mail/${ids.failed}/discard`, admin);
    assert.equal(discarded.statusCode, 303);
    assert.equal(await statusOf(ids.failed!), 'discarded');
    assert.equal((await lastAudit('mail.discard'))!.actor.name, 'Demo Admin');
    for (const url of ['/operator/mail/999999999', '/operator/mail/abc']) assert.equal((await get(url, support)).statusCode, 404, url);
    assert.equal((await post('/operator/mail/abc/retry', support)).statusCode, 404);
  });

  it('shows the suppression list to support and lets only admins lift an entry with a reason', async () => {
    await suppressAddress(db.database.db, { address: 'ken.sato@example.com', reason: 'bounce', sourceMessageId: ids.delivered! });
    const list = await get('/operator/mail/suppressions', support);
    assert.equal(list.statusCode, 200);
    assert.match(list.body, /ken\.sato@example\.com<\/td>\s*<td>bounce/);
    assert.doesNotMatch(list.body, /Lift…/);
    assert.equal((await lastAudit('mail.suppression.list'))!.detail!.found, 1);
    assert.match((await get(`/operator/mail/${ids.delivered}`, support)).body, /\(suppressed\)/);

    assert.equal((await post('/operator/mail/suppressions/lift', support, { address: 'ken.sato@example.com', reason: 'fixed' })).statusCode, 403);
    assert.equal((await get('/operator/mail/suppressions/lift?address=ken.sato%40example.com', support)).statusCode, 403);
    const missing = await post('/operator/mail/suppressions/lift', admin, { address: 'ken.sato@example.com', reason: ' ' });
    assert.equal(missing.statusCode, 422);
    assert.match(missing.body, /Give the reason for lifting the suppression/);
    assert.match((await get('/operator/mail/suppressions', admin)).body, /Lift…/);

    const lifted = await post('/operator/mail/suppressions/lift', admin, { address: 'Ken.Sato@example.com', reason: 'Guest fixed the mailbox' });
    assert.equal(lifted.statusCode, 303);
    const after = await get(String(lifted.headers.location), admin);
    assert.match(after.body, /Lifted the suppression of ken\.sato@example\.com/);
    assert.match(after.body, /No suppressed address matches/);
    assert.equal((await lastAudit('mail.suppression.lift'))!.detail!.reason, 'Guest fixed the mailbox');
    const gone = await post('/operator/mail/suppressions/lift', admin, { address: 'ken.sato@example.com', reason: 'again' });
    assert.equal(gone.statusCode, 404);
  });

  it('shows the dev mailbox and one received mail with its headers, sandboxed, audited', async () => {
    const list = await get('/operator/mailbox', support);
    assert.equal(list.statusCode, 200);
    assert.match(list.body, /Sink &lt;subject&gt;/);
    const id = list.body.match(/href="\/operator\/mailbox\/(\d+)"/)![1]!;
    const opened = await get(`/operator/mailbox/${id}`, support);
    assert.equal(opened.statusCode, 200);
    assert.match(String(opened.headers['content-security-policy']), /default-src 'none'/);
    assert.match(opened.body, /<dt>X-Hatago-Category<\/dt><dd><code>reservation<\/code>/);
    assert.match(opened.body, /<iframe class="mail-preview" sandbox="" /);
    assert.equal(opened.body.split('<script').length, 1);
    assert.match(opened.body, /sink text/);
    assert.equal((await lastAudit('mail.mailbox.view'))!.target.id, id);
    assert.equal((await get('/operator/mailbox/12345678', support)).statusCode, 404);
  });
});
