import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { sql } from 'kysely';
import { THROTTLE } from '@hatago/identity';
import { appUnderTest, cookieFrom, futureDate } from '@hatago/test-support';
import { buildGuestApp } from '../guest-app.ts';
import { formBody, hiddenFieldsOf, hrefsOf } from './page-test-forms.ts';

const newMember = {
  name: '佐藤 花子',
  nameLatin: 'Hanako Sato',
  email: 'hanako.sato@example.com',
  phone: '080-2222-3333',
  password: 'a long enough password',
};

describe('member pages', () => {
  const ctx = appUnderTest(buildGuestApp);
  let session = '';

  const post = (url: string, fields: Record<string, string>, cookie?: string) =>
    ctx.app.inject({ method: 'POST', url, ...formBody(fields), headers: { ...formBody(fields).headers, origin: 'http://localhost', ...(cookie ? { cookie } : {}) } });
  const get = (url: string, cookie?: string) => ctx.app.inject({ method: 'GET', url, headers: cookie ? { cookie } : {} });

  it('rejects bad sign-ups with field errors and never echoes markup', async () => {
    const res = await post('/signup', { ...newMember, name: '<script>alert(1)</script>', nameLatin: '', password: 'short' });
    assert.equal(res.statusCode, 422);
    assert.ok(!res.body.includes('<script>alert'));
    assert.ok(res.body.includes('&lt;script&gt;alert(1)&lt;/script&gt;'));
    assert.ok(res.body.includes('お名前に使用できない文字が含まれています'));
    assert.ok(res.body.includes('お名前をローマ字で入力してください'));
    assert.ok(res.body.includes('10〜200文字で入力してください'));
    assert.ok(!res.body.includes('value="short"'), 'a password is never written back into the page');
    assert.equal(res.headers['set-cookie'], undefined);
  });

  it('signs up with one neutral answer, verifies the address by the mailed link, then logs in', async () => {
    const res = await post('/signup', { ...newMember, lang: 'en' });
    assert.equal(res.statusCode, 200);
    assert.ok(res.body.includes('Check your mailbox'));
    assert.equal(res.headers['set-cookie'], undefined, 'no session before the address is proven');
    const again = await post('/signup', { ...newMember, email: newMember.email.toUpperCase(), lang: 'en' });
    assert.equal(again.statusCode, 200);
    assert.equal(again.body, res.body, 'a registered address gets the same page');

    const { rows } = await sql<{ params: { verifyUrl: string } | string }>`
      select params from mail_messages where template = 'member-verify-email' order by id desc limit 1`.execute(ctx.db.database.db);
    const params = rows[0]!.params;
    const verifyUrl = new URL((typeof params === 'string' ? JSON.parse(params) : params).verifyUrl);
    const verified = await get(`${verifyUrl.pathname}${verifyUrl.search}`);
    assert.equal(verified.statusCode, 200);
    assert.ok(verified.body.includes('Your address is confirmed'));
    assert.equal(verified.headers['referrer-policy'], 'no-referrer');
    assert.equal((await get(`${verifyUrl.pathname}${verifyUrl.search}`)).statusCode, 410, 'the link works once');

    const login = await post('/login', { email: newMember.email, password: newMember.password, lang: 'en' });
    assert.equal(login.statusCode, 303);
    const setCookie = String(login.headers['set-cookie']);
    assert.match(setCookie, /^hatago_member=/);
    assert.match(setCookie, /HttpOnly/);
    assert.match(setCookie, /SameSite=Lax/);
    session = cookieFrom(login.headers['set-cookie']);

    const account = await get('/account/reservations?lang=en', session);
    assert.equal(account.statusCode, 200);
    assert.equal(account.headers['cache-control'], 'private, no-store');
    assert.ok(account.body.includes('Welcome, 佐藤 花子'));
    assert.ok(account.body.includes('Nothing coming up yet.'));
    assert.match(account.body, /action="\/logout"/);
  });

  it('keeps public pages identical for members and everyone else', async () => {
    for (const url of ['/', `/search?checkin=${futureDate(4)}`, `/hotels/1?checkin=${futureDate(4)}`, '/reservations/lookup']) {
      const anonymous = await get(url);
      const member = await get(url, session);
      assert.match(String(member.headers['cache-control']), /^public/, url);
      assert.equal(member.headers['set-cookie'], undefined, url);
      assert.equal(member.body.replace(/value="\d{4}-\d{2}-\d{2}"/g, ''), anonymous.body.replace(/value="\d{4}-\d{2}-\d{2}"/g, ''), url);
      assert.ok(!member.body.includes('佐藤'), url);
    }
  });

  it('books as a member with details filled in, and cancels from the account', async () => {
    const checkin = futureDate(20);
    const hotel = await get(`/hotels/2?checkin=${checkin}&nights=1&guests=2&rooms=1`, session);
    const [bookHref] = hrefsOf(hotel.body, 'book-plan');
    const details = await get(bookHref!, session);
    assert.equal(details.headers['cache-control'], 'private, no-store');
    assert.ok(details.body.includes(`value="${newMember.email}"`), 'the member email is filled in');
    assert.ok(details.body.includes('value="Hanako Sato"'));
    assert.doesNotMatch(details.body, /verify-to-book-as-member/, 'a verified member books as a member');
    const detailFields = Object.fromEntries(
      [...details.body.matchAll(/<input name="(name|nameLatin|email|phone)" type="\w+" value="([^"]*)"/g)].map((m) => [m[1]!, m[2]!]),
    );
    const confirm = await post('/book/confirm', { ...hiddenFieldsOf(details.body, '/book/confirm'), acceptTerms: 'yes', ...detailFields }, session);
    assert.equal(confirm.statusCode, 200);
    const booked = await post('/book', hiddenFieldsOf(confirm.body, '/book', 'confirm-booking'), session);
    assert.equal(booked.statusCode, 303);
    const code = /\/reservations\/(HT\w+)\/confirmation/.exec(String(booked.headers.location))![1]!;
    const { rows } = await sql<{ member_id: number | null }>`select member_id from reservations where code = ${code}`.execute(ctx.db.database.db);
    assert.notEqual(rows[0]!.member_id, null);

    const account = await get('/account/reservations', session);
    assert.equal((account.body.match(/data-testid="member-reservation"/g) ?? []).length, 1);
    assert.ok(account.body.includes(code));

    const detail = await get(`/account/reservations/${code}`, session);
    assert.equal(detail.statusCode, 200);
    assert.match(detail.body, /data-testid="cancel-fee-today">¥0</);
    const strangerLogin = await post('/login', { email: 'member@example.com', password: 'hatago-demo-pass' });
    const stranger = cookieFrom(strangerLogin.headers['set-cookie']);
    assert.equal((await get(`/account/reservations/${code}`, stranger)).statusCode, 404, "another member's booking stays hidden");
    assert.equal((await post(`/account/reservations/${code}/cancel`, { confirm: 'yes' }, stranger)).statusCode, 404);

    const cancelled = await post(`/account/reservations/${code}/cancel`, hiddenFieldsOf(detail.body, `/account/reservations/${code}/cancel`), session);
    assert.equal(cancelled.statusCode, 200);
    assert.match(cancelled.body, /data-testid="reservation-status" data-status="cancelled"/);
    assert.match(cancelled.body, /data-testid="cancel-fee">¥0</);
  });

  it('logs out, after which the account page asks to log in', async () => {
    const out = await post('/logout', {}, session);
    assert.equal(out.statusCode, 303);
    assert.equal(out.headers.location, '/');
    assert.match(String(out.headers['set-cookie']), /hatago_member=;/);
    const account = await get('/account/reservations', session);
    assert.equal(account.statusCode, 303);
    assert.equal(account.headers.location, '/login?next=%2Faccount%2Freservations');
  });

  it('logs in to where the guest was going, but never off-site', async () => {
    const next = `/book?planId=1&checkin=${futureDate(9)}`;
    const res = await post('/login', { email: newMember.email, password: newMember.password, next });
    assert.equal(res.statusCode, 303);
    assert.equal(res.headers.location, next);
    const offSite = await post('/login', { email: newMember.email, password: newMember.password, next: '//evil.example/x' });
    assert.equal(offSite.headers.location, '/account/reservations');
    for (const bad of ['/\\evil.example', '/x\r\nSet-Cookie: a=b', 'https://evil.example/']) {
      const res = await post('/login', { email: newMember.email, password: newMember.password, next: bad });
      assert.equal(res.statusCode, 303, JSON.stringify(bad));
      assert.equal(res.headers.location, '/account/reservations');
    }
  });

  it('throttles repeated failed logins with a 429 page', async () => {
    const attempt = (password: string) => post('/login', { email: 'member@example.com', password });
    for (let i = 0; i < THROTTLE.perAccountAndClient; i++) {
      const res = await attempt(`wrong password ${i}`);
      assert.equal(res.statusCode, 401);
      assert.ok(res.body.includes('メールアドレスまたはパスワードが正しくありません'));
    }
    const blocked = await attempt('hatago-demo-pass');
    assert.equal(blocked.statusCode, 429, 'even the right password waits out the window');
    assert.ok(blocked.body.includes('ログインの失敗が続いたため、15分間ログインできません'));
    assert.equal(blocked.headers['set-cookie'], undefined);
  });
});
