import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { sql } from 'kysely';
import { PASSWORD_CHANGE, signUpMember } from '@hatago/identity';
import { appUnderTest, cookieFrom, futureDate } from '@hatago/test-support';
import { buildGuestApp } from '../guest-app.ts';
import { formBody, hiddenFieldsOf, hrefsOf } from './page-test-forms.ts';

const DEMO = { email: 'member@example.com', password: 'hatago-demo-pass' };
const companion = { name: '佐藤 次郎', nameLatin: 'Jiro Sato', phone: '090-5555-6666', email: '' };

describe('member account pages', () => {
  const ctx = appUnderTest(buildGuestApp);

  const post = (url: string, fields: Record<string, string>, cookie?: string) =>
    ctx.app.inject({ method: 'POST', url, ...formBody(fields), headers: { ...formBody(fields).headers, origin: 'http://localhost', ...(cookie ? { cookie } : {}) } });
  const get = (url: string, cookie?: string) => ctx.app.inject({ method: 'GET', url, headers: cookie ? { cookie } : {} });
  const logIn = async (email: string, password: string) => {
    const res = await post('/login', { email, password });
    assert.equal(res.statusCode, 303, res.body);
    return cookieFrom(res.headers['set-cookie']);
  };
  /** A member of their own for each test, verified; also to prove one member never reaches another's data. */
  const stranger = async () => {
    const email = `stranger-${Math.random().toString(36).slice(2)}@example.com`;
    const origin = { client: '10.1.0.1', locale: 'ja' as const, verifyUrl: (token: string) => `http://localhost/signup/verify?token=${token}` };
    await signUpMember(ctx.db.database.db, { name: '林 一', nameLatin: 'Hajime Hayashi', email, phone: '080-8765-4321', password: 'a stranger password' }, origin);
    // as if the mailed link was followed: only verified members' bookings are theirs
    await sql`update members set email_verified_at = now() where email = ${email}`.execute(ctx.db.database.db);
    return logIn(email, 'a stranger password');
  };
  const savedGuestIdOf = (body: string) => Number(/href="\/account\/guests\/(\d+)/.exec(body)![1]);

  it('sends a guest who is not signed in to the login form from every account page', async () => {
    for (const url of ['/account/profile', '/account/password', '/account/guests', '/account/guests/1']) {
      const res = await get(url);
      assert.equal(res.statusCode, 303, url);
      assert.equal(res.headers.location, `/login?next=${encodeURIComponent(url)}`);
    }
    assert.equal((await post('/account/guests', companion)).statusCode, 303, 'a post changes nothing either');
  });

  it('answers who is signed in privately, never to a shared cache, and keeps cached pages free of it', async () => {
    const anonymous = await get('/account/status');
    assert.equal(anonymous.statusCode, 200);
    assert.equal(anonymous.headers['cache-control'], 'private, no-store');
    assert.deepEqual(anonymous.json(), { signedIn: false });

    const session = await logIn(DEMO.email, DEMO.password);
    const member = await get('/account/status?lang=en', session);
    assert.equal(member.headers['cache-control'], 'private, no-store');
    assert.match(String(member.headers.vary), /cookie/i);
    assert.deepEqual(member.json(), { signedIn: true, label: 'My account (一休 花子)', href: '/account/reservations?lang=en' });
    assert.equal((await get('/account/status', session)).json().label, 'マイアカウント（一休 花子 様）');

    const home = await get('/', session);
    assert.match(String(home.headers['cache-control']), /^public/);
    assert.match(home.body, /<a data-account-link="login" href="\/login">ログイン<\/a>/);
    assert.match(home.body, /<script src="\/assets\/account-status.js" defer><\/script>/);
    assert.ok(!home.body.includes('山田'), 'the shared page names nobody');

    const script = await get('/assets/account-status.js');
    assert.equal(script.statusCode, 200);
    assert.match(String(script.headers['content-type']), /^text\/javascript/);
    assert.match(script.body, /\/account\/status/);
    const account = await get('/account/profile', session);
    assert.ok(!account.body.includes('account-status.js'), 'a signed-in page already says who it is for');
    assert.match(account.body, /<a data-account-link="member" href="\/account\/reservations">/);
  });

  it('shows and edits the profile with field errors, in either language, the address unchanged', async () => {
    const session = await stranger();
    const page = await get('/account/profile?lang=en', session);
    assert.equal(page.statusCode, 200);
    assert.equal(page.headers['cache-control'], 'private, no-store');
    assert.match(page.body, /value="Hajime Hayashi"/);
    assert.match(page.body, /<option value="ja" selected>Japanese \(日本語\)<\/option>/);
    assert.match(page.body, /href="\/account\/profile" hreflang="ja" lang="ja">日本語</, 'the language switch leads to the same page');
    assert.match(page.body, /aria-current="page">Profile</);

    const bad = await post('/account/profile', { ...hiddenFieldsOf(page.body, '/account/profile'), name: '<b>x</b>', nameLatin: '林', phone: 'no', preferredLang: 'fr' }, session);
    assert.equal(bad.statusCode, 422);
    assert.ok(bad.body.includes('Name contains characters that are not allowed'));
    assert.ok(bad.body.includes('Use Latin letters, spaces, hyphens and apostrophes'));
    assert.ok(bad.body.includes('Enter a phone number of digits, spaces or hyphens'));
    assert.ok(bad.body.includes('Choose Japanese or English'));
    assert.ok(bad.body.includes('&lt;b&gt;x&lt;/b&gt;') && !bad.body.includes('<b>x</b>'));
    assert.match((await get('/account/profile', session)).body, /value="林 一"/, 'a refused form changes nothing');

    const ja = await post('/account/profile', { name: '林 一', nameLatin: 'Hajime Hayashi', phone: 'no', preferredLang: 'en' }, session);
    assert.ok(ja.body.includes('電話番号を数字・スペース・ハイフンで入力してください'), 'errors in the page language');

    const saved = await post('/account/profile', { name: '林 はじめ', nameLatin: 'Hajime Hayashi', phone: '03-1111-2222', preferredLang: 'en', email: 'taken@example.com', lang: 'en' }, session);
    assert.equal(saved.statusCode, 303);
    assert.equal(saved.headers.location, '/account/profile?done=saved&lang=en');
    const after = await get(saved.headers.location!, session);
    assert.match(after.body, /role="status">Your profile is saved\./);
    assert.match(after.body, /value="林 はじめ"/);
    assert.match(after.body, /<option value="en" selected>English<\/option>/);
    assert.match(after.body, /data-testid="profile-email">stranger-/, 'the address stays');
  });

  it('changes the password with the current one, ending the other sessions, rotating this one and mailing a notice', async () => {
    const email = 'changer@example.com';
    const origin = { client: '10.1.0.2', locale: 'en' as const, verifyUrl: (token: string) => `http://localhost/signup/verify?token=${token}` };
    await signUpMember(ctx.db.database.db, { name: 'Aoi Tanaka', nameLatin: 'Aoi Tanaka', email, phone: '080-1111-0000', password: 'the old password' }, origin);
    const here = await logIn(email, 'the old password');
    const elsewhere = await logIn(email, 'the old password');

    const wrong = await post('/account/password', { currentPassword: 'not it at all', password: 'the new password' }, here);
    assert.equal(wrong.statusCode, 422);
    assert.ok(wrong.body.includes('現在のパスワードが正しくありません'));
    assert.ok(!wrong.body.includes('not it at all') && !wrong.body.includes('the new password'), 'passwords are never written back');
    const short = await post('/account/password', { currentPassword: 'the old password', password: 'short', lang: 'en' }, here);
    assert.equal(short.statusCode, 422);
    assert.ok(short.body.includes('Use 10 to 200 characters'));

    const changed = await post('/account/password', { currentPassword: 'the old password', password: 'the new password', lang: 'en' }, here);
    assert.equal(changed.statusCode, 303);
    assert.equal(changed.headers.location, '/account/password?done=changed&lang=en');
    const rotated = cookieFrom(changed.headers['set-cookie']);
    assert.notEqual(rotated, here);
    assert.match((await get(changed.headers.location!, rotated)).body, /role="status">Your password is changed/);
    for (const old of [here, elsewhere]) assert.equal((await get('/account/profile', old)).statusCode, 303, 'old sessions are over');
    const { rows } = await sql<{ recipient: string; locale: string }>`select recipient, locale from mail_messages where template = 'password-changed'`.execute(ctx.db.database.db);
    assert.deepEqual(rows, [{ recipient: email, locale: 'en' }]);
    assert.equal((await post('/login', { email, password: 'the old password' })).statusCode, 401);
    assert.equal((await post('/login', { email, password: 'the new password' })).statusCode, 303);
  });

  it(`refuses password changes after ${PASSWORD_CHANGE.perMember} wrong current passwords with a 429`, async () => {
    const session = await stranger();
    for (let i = 0; i < PASSWORD_CHANGE.perMember; i++) assert.equal((await post('/account/password', { currentPassword: `wrong ${i}`, password: 'a new password here' }, session)).statusCode, 422);
    const blocked = await post('/account/password', { currentPassword: 'a stranger password', password: 'a new password here' }, session);
    assert.equal(blocked.statusCode, 429);
    assert.ok(blocked.body.includes('パスワードの誤りが続いたため、15分間変更できません'));
    assert.equal(blocked.headers['set-cookie'], undefined);
  });

  it("adds, edits and removes saved guests, and another member's id is not found", async () => {
    const session = await stranger();
    const empty = await get('/account/guests', session);
    assert.match(empty.body, /data-testid="no-saved-guests"/);

    const bad = await post('/account/guests', { ...companion, name: '', email: 'nope' }, session);
    assert.equal(bad.statusCode, 422);
    assert.ok(bad.body.includes('お名前を入力してください') && bad.body.includes('正しいメールアドレスを入力してください'));
    assert.match((await get('/account/guests', session)).body, /data-testid="no-saved-guests"/);

    const added = await post('/account/guests', companion, session);
    assert.equal(added.statusCode, 303);
    assert.equal(added.headers.location, '/account/guests?done=added');
    const list = await get(added.headers.location!, session);
    assert.match(list.body, /role="status">ゲストを追加しました。/);
    assert.equal((list.body.match(/data-testid="saved-guest"/g) ?? []).length, 1);
    const id = savedGuestIdOf(list.body);

    const edit = await get(`/account/guests/${id}?lang=en`, session);
    assert.equal(edit.statusCode, 200);
    assert.match(edit.body, /value="Jiro Sato"/);
    const updated = await post(`/account/guests/${id}`, { ...companion, email: 'jiro@example.com', lang: 'en' }, session);
    assert.equal(updated.headers.location, '/account/guests?done=updated&lang=en');
    assert.ok((await get('/account/guests', session)).body.includes('jiro@example.com'));

    const other = await stranger();
    assert.equal((await get(`/account/guests/${id}`, other)).statusCode, 404);
    assert.equal((await post(`/account/guests/${id}`, { ...companion, name: '乗っ取り' }, other)).statusCode, 404);
    assert.equal((await post(`/account/guests/${id}/delete`, {}, other)).statusCode, 404);
    for (const notAnId of ['abc', '0', '-1', '99999999999999999999']) assert.equal((await get(`/account/guests/${notAnId}`, session)).statusCode, 404, notAnId);
    assert.ok(!(await get(`/account/guests/${id}`, other)).body.includes('Jiro'), 'a 404 tells nothing of the guest');
    assert.ok((await get('/account/guests', session)).body.includes('佐藤 次郎'), "another member's tries changed nothing");

    const removed = await post(`/account/guests/${id}/delete`, {}, session);
    assert.equal(removed.headers.location, '/account/guests?done=removed');
    assert.match((await get('/account/guests', session)).body, /data-testid="no-saved-guests"/);
  });

  it('offers saved guests on the hotel and restaurant booking forms, and lists the bookings as upcoming and past', async () => {
    const session = await stranger();
    await post('/account/guests', { ...companion, email: 'jiro@example.com' }, session);
    const id = savedGuestIdOf((await get('/account/guests', session)).body);
    const noBookings = await get('/account/reservations', session);
    assert.match(noBookings.body, /data-testid="no-upcoming"/);
    assert.match(noBookings.body, /data-testid="no-past"/);

    const hotel = await get(`/hotels/2?checkin=${futureDate(20)}&nights=1&guests=2&rooms=1`, session);
    const [bookHref] = hrefsOf(hotel.body, 'book-plan');
    const details = await get(bookHref!, session);
    assert.match(details.body, /data-testid="saved-guest-picker"/);
    assert.match(details.body, /value="Hajime Hayashi"/, 'the member themself at first');
    const picked = await get(`${bookHref}&savedGuest=${id}`, session);
    assert.match(picked.body, /<input name="nameLatin" type="text" value="Jiro Sato"/);
    assert.match(picked.body, /<input name="email" type="email" value="jiro@example.com"/);
    assert.match(picked.body, new RegExp(`<option value="${id}" selected>`));
    const foreign = await get(`${bookHref}&savedGuest=${id}`, await stranger());
    assert.ok(!foreign.body.includes('Jiro'), "another member's saved guest fills nothing");

    const search = await get(`/restaurants?date=${futureDate(10)}&time=19:00&party=2`);
    const [timeHref] = hrefsOf(search.body, 'restaurant-time');
    const [courseHref] = hrefsOf((await get(timeHref!.replace(/#.*$/, ''))).body, 'book-course');
    const table = await get(`${courseHref}&savedGuest=${id}`, session);
    assert.equal(table.statusCode, 200);
    assert.match(table.body, /<input name="name" type="text" value="佐藤 次郎"/);

    await post('/account/profile', { name: '林 一', nameLatin: 'Hajime Hayashi', phone: '080-8765-4321', preferredLang: 'en' }, session);
    const fields = Object.fromEntries([...picked.body.matchAll(/<input name="(name|nameLatin|email|phone)" type="\w+" value="([^"]*)"/g)].map((m) => [m[1]!, m[2]!]));
    const confirm = await post('/book/confirm', { ...hiddenFieldsOf(picked.body, '/book/confirm'), acceptTerms: 'yes', ...fields }, session);
    const booked = await post('/book', hiddenFieldsOf(confirm.body, '/book', 'confirm-booking'), session);
    const code = /\/reservations\/(HT\w+)\/confirmation/.exec(String(booked.headers.location))![1]!;
    const { rows: mails } = await sql<{ recipient: string; locale: string }>`select recipient, locale from mail_messages where recipient = 'jiro@example.com'`.execute(ctx.db.database.db);
    assert.deepEqual(mails, [{ recipient: 'jiro@example.com', locale: 'en' }], "booked from a Japanese page, mailed in the member's chosen language");
    const upcoming = await get('/account/reservations?lang=en', session);
    assert.match(upcoming.body, new RegExp(`data-testid="upcoming-reservations"[\\s\\S]*${code}`));
    assert.match(upcoming.body, /data-testid="no-past"/);
    assert.match(upcoming.body, /<a href="\/hotels\/2\?lang=en">/, 'the hotel is linked');
    assert.doesNotMatch(upcoming.body, /\d{4}-\d{2}-\d{2}|confirmed</, 'no ISO dates or raw states');
    const detail = await get(`/account/reservations/${code}?lang=en`, session);
    assert.match(detail.body, new RegExp(`href="/account/reservations/${code}" hreflang="ja"`), 'the reservation switches language too');
    assert.match((await get('/login?next=%2Faccount%2Fguests')).body, /href="\/login\?next=%2Faccount%2Fguests&amp;lang=en" hreflang="en"/);

    await sql`update reservations set checkin = checkin - 400 where code = ${code}`.execute(ctx.db.database.db);
    const past = await get('/account/reservations', session);
    assert.match(past.body, new RegExp(`data-testid="past-reservations"[\\s\\S]*${code}`));
    assert.match(past.body, /data-testid="no-upcoming"/);
  });
});
