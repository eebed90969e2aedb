import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import cookie from '@fastify/cookie';
import formbody from '@fastify/formbody';
import { sql } from 'kysely';
import { MemoryRateLimiter } from '@hatago/cache';
import { hashPassword, verifyPassword } from '@hatago/identity';
import { createHttpApp, type HttpApp } from '@hatago/platform/http';
import { createLogger } from '@hatago/platform/logging';
import { appUnderTest, createTestDatabase, type TestDatabase, testDatabaseTargets } from '@hatago/test-support';
import { buildGuestApp } from '../guest-app.ts';
import { registerPasswordResetPages } from './password-reset-pages.ts';
import { forgotPasswordLink, PASSWORD_RESET_PATH } from './password-reset-views.ts';

const FORM = { 'content-type': 'application/x-www-form-urlencoded' };

describe('password reset pages', () => {
  let db: TestDatabase;
  let app: HttpApp;
  let client = 0;

  const post = (url: string, fields: Record<string, string>, from = `192.0.2.${++client}`) =>
    app.inject({ method: 'POST', url, headers: { ...FORM, 'x-forwarded-for': from }, remoteAddress: '127.0.0.1', payload: new URLSearchParams(fields).toString() });
  const lastResetUrl = async () => {
    const { rows } = await sql<{ params: unknown }>`select params from mail_messages where template = 'password-reset' order by id desc limit 1`.execute(db.database.db);
    const params = (typeof rows[0]!.params === 'string' ? JSON.parse(rows[0]!.params) : rows[0]!.params) as { resetUrl: string };
    return params.resetUrl;
  };
  const mailCount = async () =>
    (await sql<{ n: number }>`select count(*)::int as n from mail_messages where template = 'password-reset'`.execute(db.database.db)).rows[0]!.n;
  const storedHash = async () =>
    (await sql<{ password_hash: string }>`select password_hash from members where email = 'rin@example.com'`.execute(db.database.db)).rows[0]!.password_hash;

  before(async () => {
    db = await createTestDatabase(testDatabaseTargets()[0]!, { seed: false });
    await sql`insert into members (email, name, name_latin, phone, password_hash)
      values ('rin@example.com', '高橋 凛', 'Rin Takahashi', '090-2222-3333', ${await hashPassword('the old password')})`.execute(db.database.db);
    app = createHttpApp({ service: 'guest', logger: createLogger('test', 'silent'), readiness: async () => {}, errorPage: (p) => `error ${p.status}` });
    await app.register(formbody);
    // a reset marks the device as known with a signed cookie
    await app.register(cookie, { secret: 'password-reset-pages-test' });
    registerPasswordResetPages(app, { database: db.database, rateLimiter: new MemoryRateLimiter(), publicBaseUrl: 'https://hatago.example/' });
  });
  after(async () => {
    await app.close();
    await db.dispose();
  });

  it('shows the request form, private and without referrer', async () => {
    const response = await app.inject({ url: `${PASSWORD_RESET_PATH}?lang=en` });
    assert.equal(response.statusCode, 200);
    assert.equal(response.headers['cache-control'], 'private, no-store');
    assert.equal(response.headers['referrer-policy'], 'no-referrer');
    assert.match(response.body, /<form class="stack" method="post" action="\/members\/password-reset">/);
    assert.equal(String(forgotPasswordLink('en')), '<p><a href="/members/password-reset?lang=en">Forgot your password?</a></p>');
  });

  it('answers a member and a stranger with the same page, and mails only the member a link to the configured site', async () => {
    const member = await post(PASSWORD_RESET_PATH, { email: 'RIN@example.com', lang: 'en' });
    const stranger = await post(PASSWORD_RESET_PATH, { email: 'nobody@example.com', lang: 'en' });
    assert.equal(member.statusCode, 200);
    assert.equal(stranger.statusCode, 200);
    assert.equal(member.body, stranger.body);
    assert.match(member.body, /If this address belongs to a member/);
    assert.equal(await mailCount(), 1);
    assert.match(await lastResetUrl(), /^https:\/\/hatago\.example\/members\/password-reset\/[A-Za-z0-9_-]{43}\?lang=en$/);
  });

  it('ignores a forged Host header when building the link', async () => {
    await app.inject({ method: 'POST', url: PASSWORD_RESET_PATH, headers: { ...FORM, host: 'evil.example', 'x-forwarded-for': '192.0.2.200' }, payload: 'email=rin%40example.com' });
    assert.match(await lastResetUrl(), /^https:\/\/hatago\.example\//);
  });

  it('sets a new password through the link once, then calls the link invalid', async () => {
    await post(PASSWORD_RESET_PATH, { email: 'rin@example.com' });
    const path = new URL(await lastResetUrl()).pathname;
    const form = await app.inject({ url: path });
    assert.equal(form.statusCode, 200);
    assert.match(form.body, /name="password" type="password"/);
    const short = await post(path, { password: 'short' });
    assert.equal(short.statusCode, 422);
    assert.match(short.body, /10〜200文字/);
    const done = await post(path, { password: 'a fresh new password' });
    assert.equal(done.statusCode, 200);
    assert.match(done.body, /パスワードを変更しました/);
    assert.match(String(done.headers['set-cookie']), /hatago_member_device=/, 'the device may sign in while the account is under attack');
    assert.equal(await verifyPassword('a fresh new password', await storedHash()), true);
    for (const response of [await app.inject({ url: path }), await post(path, { password: 'yet another password' })]) {
      assert.equal(response.statusCode, 410);
      assert.match(response.body, /リンクが無効です/);
    }
    assert.equal(await verifyPassword('a fresh new password', await storedHash()), true);
  });

  it('refuses a malformed address and a forged link with a page, never a server error', async () => {
    const before = await mailCount();
    const bad = await post(PASSWORD_RESET_PATH, { email: 'rin' });
    assert.equal(bad.statusCode, 422);
    assert.match(bad.body, /正しいメールアドレス/);
    for (const token of ['A'.repeat(43), 'x', '%00', 'a'.repeat(90)]) {
      // NUL never gets past the input layer, which answers 422 before the route looks
      const status = token === '%00' ? 422 : 410;
      assert.equal((await app.inject({ url: `${PASSWORD_RESET_PATH}/${token}` })).statusCode, status, token);
      assert.equal((await post(`${PASSWORD_RESET_PATH}/${token}`, { password: 'long enough password' })).statusCode, status, token);
    }
    assert.equal(await mailCount(), before);
  });

  it('throttles one client with 429 after the limit, mailing nothing more', async () => {
    const before = await mailCount();
    let last = 0;
    for (let i = 0; i < 11; i++) last = (await post(PASSWORD_RESET_PATH, { email: `someone${i}@example.com` }, '198.51.100.7')).statusCode;
    assert.equal(last, 429);
    assert.equal(await mailCount(), before);
  });
});

describe('password reset in the guest app', () => {
  const ctx = appUnderTest(buildGuestApp);

  it('is linked from the login page and mails the demo member a link to the platform', async () => {
    const login = await ctx.app.inject({ url: '/login' });
    assert.match(login.body, /href="\/members\/password-reset">パスワードをお忘れの方/);
    const response = await ctx.app.inject({ method: 'POST', url: PASSWORD_RESET_PATH, headers: FORM, payload: 'email=member%40example.com' });
    assert.equal(response.statusCode, 200);
    const { rows } = await sql<{ params: unknown }>`select params from mail_messages where template = 'password-reset'`.execute(ctx.db.database.db);
    const params = (typeof rows[0]!.params === 'string' ? JSON.parse(rows[0]!.params) : rows[0]!.params) as { resetUrl: string };
    assert.match(params.resetUrl, /^http:\/\/localhost:8080\/members\/password-reset\/[A-Za-z0-9_-]{43}$/);
  });
});
