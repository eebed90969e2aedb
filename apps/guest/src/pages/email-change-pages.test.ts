import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { sql } from 'kysely';
import { signUpMember } from '@hatago/identity';
import { appUnderTest, cookieFrom } from '@hatago/test-support';
import { buildGuestApp } from '../guest-app.ts';
import { formBody } from './page-test-forms.ts';

const password = 'an address moving password';

describe('member email change pages', () => {
  const ctx = appUnderTest(buildGuestApp);
  let n = 0;

  const post = (url: string, fields: Record<string, string>, cookie?: string) =>
    ctx.app.inject({ method: 'POST', url, ...formBody(fields), headers: { ...formBody(fields).headers, origin: 'http://localhost', ...(cookie ? { cookie } : {}) } });
  const get = (url: string, cookie?: string) => ctx.app.inject({ method: 'GET', url, headers: cookie ? { cookie } : {} });

  /** A verified member of the test's own, signed in; mails in `lang`. */
  async function signedIn(lang: 'ja' | 'en' = 'ja'): Promise<{ email: string; cookie: string }> {
    const email = `mover-${++n}-${Math.random().toString(36).slice(2, 8)}@example.com`;
    const origin = { client: '10.3.0.1', locale: lang, verifyUrl: (token: string) => `http://localhost/signup/verify?token=${token}` };
    await signUpMember(ctx.db.database.db, { name: '石田 光', nameLatin: 'Hikaru Ishida', email, phone: '080-3333-4444', password }, origin);
    await sql`update members set email_verified_at = now() where email = ${email}`.execute(ctx.db.database.db);
    const login = await post('/login', { email, password });
    assert.equal(login.statusCode, 303, login.body);
    return { email, cookie: cookieFrom(login.headers['set-cookie']) };
  }
  const mailsTo = async (recipient: string) =>
    (await sql<{ template: string; locale: string; params: unknown }>`select template, locale, params from mail_messages where lower(recipient) = lower(${recipient}) order by id`.execute(ctx.db.database.db)).rows.map(
      (row) => ({ ...row, params: (typeof row.params === 'string' ? JSON.parse(row.params) : row.params) as Record<string, string> }),
    );
  const linkMailedTo = async (recipient: string) => {
    const url = new URL((await mailsTo(recipient)).find((m) => m.template === 'email-change-confirm')!.params.confirmUrl!);
    return `${url.pathname}${url.search}`;
  };

  it('sends a guest who is not signed in to the login form, and the form sits in the account menu', async () => {
    const res = await get('/account/email');
    assert.equal(res.statusCode, 303);
    assert.equal(res.headers.location, '/login?next=%2Faccount%2Femail');
    assert.equal((await post('/account/email', { email: 'x@example.com', currentPassword: password })).statusCode, 303);

    const { email, cookie } = await signedIn();
    const page = await get('/account/email', cookie);
    assert.equal(page.statusCode, 200);
    assert.equal(page.headers['cache-control'], 'private, no-store');
    assert.match(page.body, new RegExp(`data-testid="current-email">${email}<`));
    assert.match(page.body, /<a href="\/account\/email" aria-current="page">メールアドレスの変更<\/a>/);
    assert.match((await get('/account/profile?lang=en', cookie)).body, /<a href="\/account\/email\?lang=en">Change your email address<\/a>/);
  });

  it('sends the form back with field errors in the page language, keeping the new address and never the password', async () => {
    const { email, cookie } = await signedIn();
    const bad = await post('/account/email', { email: 'not-an-address', currentPassword: '' }, cookie);
    assert.equal(bad.statusCode, 422);
    assert.ok(bad.body.includes('正しいメールアドレスを入力してください'));
    assert.ok(bad.body.includes('現在のパスワードを入力してください'));
    assert.ok(bad.body.includes('value="not-an-address"'));
    const wrong = await post('/account/email', { email: 'fine@example.com', currentPassword: 'not my password', lang: 'en' }, cookie);
    assert.equal(wrong.statusCode, 422);
    assert.ok(wrong.body.includes('The current password is wrong'));
    assert.ok(!wrong.body.includes('not my password'), 'a password is never written back');
    const same = await post('/account/email', { email: email.toUpperCase(), currentPassword: password }, cookie);
    assert.equal(same.statusCode, 422);
    assert.ok(same.body.includes('すでにお使いのメールアドレスです'));
    assert.deepEqual(await mailsTo('fine@example.com'), []);
  });

  it('mails the link to the new address in the member’s language, and changes the address only when it is opened, once', async () => {
    const { email, cookie } = await signedIn('en');
    const newEmail = `moved-${n}@example.com`;
    const sent = await post('/account/email', { email: newEmail, currentPassword: password }, cookie);
    assert.equal(sent.statusCode, 303, sent.body);
    assert.equal(sent.headers.location, '/account/email?done=sent');
    const notice = await get(String(sent.headers.location), cookie);
    assert.ok(notice.body.includes('新しいアドレスへ確認のメールをお送りしました'));
    assert.match(notice.body, new RegExp(`data-testid="current-email">${email}<`), 'unchanged until the link is opened');
    assert.deepEqual((await mailsTo(email)).at(-1)!.template, 'email-change-requested');
    assert.equal((await mailsTo(newEmail))[0]!.locale, 'en', 'the mails follow the member, not the page');

    const confirmLink = await linkMailedTo(newEmail);
    assert.match(confirmLink, /^\/account\/email\/confirm\?token=[\w-]{43}&lang=en$/);
    const opened = await get(confirmLink);
    assert.equal(opened.statusCode, 200, opened.body);
    assert.equal(opened.headers['cache-control'], 'private, no-store');
    assert.equal(opened.headers['referrer-policy'], 'no-referrer');
    assert.ok(opened.body.includes(`From now on, log in with ${newEmail}.`));
    assert.match((await get('/account/profile', cookie)).body, new RegExp(`data-testid="profile-email">${newEmail}<`));
    const again = await get(confirmLink);
    assert.equal(again.statusCode, 410);
    assert.ok(again.body.includes('The link is invalid, used, expired or replaced by a newer request.'));
    assert.equal((await get('/account/email/confirm?token=nonsense')).statusCode, 410);
  });

  it("answers an address another member holds as any other: the same redirect, no link, and the owner's mailbox alone is told", async () => {
    const { email, cookie } = await signedIn();
    const holder = await signedIn('en');
    const res = await post('/account/email', { email: holder.email, currentPassword: password }, cookie);
    assert.equal(res.statusCode, 303);
    assert.equal(res.headers.location, '/account/email?done=sent');
    assert.deepEqual((await mailsTo(holder.email)).map((m) => m.template), ['member-verify-email', 'email-change-address-in-use']);
    assert.match((await get('/account/email', cookie)).body, new RegExp(`data-testid="current-email">${email}<`));
  });

  it('refuses a link whose address another member took meanwhile with its own page', async () => {
    const { cookie } = await signedIn();
    const contested = `contested-${n}@example.com`;
    await post('/account/email', { email: contested, currentPassword: password }, cookie);
    const confirmLink = await linkMailedTo(contested);
    const origin = { client: '10.3.0.2', locale: 'ja' as const, verifyUrl: (token: string) => `http://localhost/signup/verify?token=${token}` };
    await signUpMember(ctx.db.database.db, { name: '林 一', nameLatin: 'Hajime Hayashi', email: contested, phone: '080-8765-4321', password }, origin);
    const res = await get(confirmLink);
    assert.equal(res.statusCode, 409);
    assert.ok(res.body.includes('メールアドレスを変更できませんでした'));
  });
});
