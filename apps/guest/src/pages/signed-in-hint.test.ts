import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { sql } from 'kysely';
import { signUpMember } from '@hatago/identity';
import { appUnderTest } from '@hatago/test-support';
import { buildGuestApp } from '../guest-app.ts';
import { formBody } from './page-test-forms.ts';

type SetCookie = string | string[] | undefined;

/** Each cookie a response set, by name, with its attributes as written. */
function cookiesSet(header: SetCookie): Map<string, string> {
  const lines = header === undefined ? [] : Array.isArray(header) ? header : [header];
  return new Map(lines.map((line) => [line.slice(0, line.indexOf('=')), line]));
}
const attribute = (line: string, name: string) => new RegExp(`;\\s*${name}=([^;]*)`, 'i').exec(line)?.[1];
const isCleared = (line: string | undefined) => line !== undefined && /^[^=]+=;/.test(line) && /Expires=Thu, 01 Jan 1970/.test(line);

describe('the signed-in hint cookie follows the member session', () => {
  const ctx = appUnderTest(buildGuestApp);
  const password = 'a hinted password';

  const post = (url: string, fields: Record<string, string>, headers: Record<string, string> = {}) =>
    ctx.app.inject({ method: 'POST', url, ...formBody(fields), headers: { ...formBody(fields).headers, origin: 'http://localhost', ...headers } });
  const get = (url: string, cookie?: string) => ctx.app.inject({ method: 'GET', url, headers: cookie ? { cookie } : {} });

  /** A verified member of the test's own, so ending their sessions touches nobody else's test. */
  async function member(): Promise<string> {
    const email = `hint-${Math.random().toString(36).slice(2)}@example.com`;
    const origin = { client: '10.2.0.1', locale: 'ja' as const, verifyUrl: (token: string) => `http://localhost/signup/verify?token=${token}` };
    await signUpMember(ctx.db.database.db, { name: '森 一郎', nameLatin: 'Ichiro Mori', email, phone: '080-1111-2222', password }, origin);
    await sql`update members set email_verified_at = now() where email = ${email}`.execute(ctx.db.database.db);
    return email;
  }
  /** Logs in and gives the Cookie header a browser would send next, and what the login set. */
  async function logIn(email: string, headers: Record<string, string> = {}): Promise<{ cookie: string; set: Map<string, string> }> {
    const res = await post('/login', { email, password }, headers);
    assert.equal(res.statusCode, 303, res.body);
    const set = cookiesSet(res.headers['set-cookie']);
    const cookie = ['hatago_member', 'hatago_signed_in'].map((name) => set.get(name)!.split(';')[0]).join('; ');
    return { cookie, set };
  }

  it('sets the hint at login beside the session: readable by script, same path and expiry, nothing personal', async () => {
    const { set } = await logIn(await member());
    const session = set.get('hatago_member')!;
    const hint = set.get('hatago_signed_in')!;
    assert.match(hint, /^hatago_signed_in=1;/, 'the value says only "signed in"');
    assert.doesNotMatch(hint, /HttpOnly/i, 'the script reads it');
    assert.match(session, /HttpOnly/i, 'the session itself stays out of reach of scripts');
    assert.match(hint, /SameSite=Lax/);
    assert.doesNotMatch(hint, /Secure/i, 'plain http: no Secure, as the session');
    assert.equal(attribute(hint, 'Path'), attribute(session, 'Path'));
    assert.equal(attribute(hint, 'Expires'), attribute(session, 'Expires'));
  });

  it('is Secure when the session cookie is', async () => {
    const { set } = await logIn(await member(), { 'x-forwarded-proto': 'https', origin: 'https://localhost:80' });
    assert.match(set.get('hatago_member')!, /;\s*Secure/i);
    assert.match(set.get('hatago_signed_in')!, /;\s*Secure/i);
  });

  it('is cleared at logout with the session', async () => {
    const { cookie } = await logIn(await member());
    const out = await post('/logout', {}, { cookie });
    assert.equal(out.statusCode, 303);
    const set = cookiesSet(out.headers['set-cookie']);
    assert.ok(isCleared(set.get('hatago_member')), String(set.get('hatago_member')));
    assert.ok(isCleared(set.get('hatago_signed_in')), String(set.get('hatago_signed_in')));
  });

  it('is written again with the new session when a password change rotates it', async () => {
    const { cookie } = await logIn(await member());
    const changed = await post('/account/password', { currentPassword: password, password: 'a newer long password' }, { cookie });
    assert.equal(changed.statusCode, 303, changed.body);
    const set = cookiesSet(changed.headers['set-cookie']);
    assert.match(set.get('hatago_signed_in')!, /^hatago_signed_in=1;/);
    assert.equal(attribute(set.get('hatago_signed_in')!, 'Expires'), attribute(set.get('hatago_member')!, 'Expires'));
    assert.notEqual(set.get('hatago_member')!.split(';')[0], cookie.split('; ')[0], 'a new session');
  });

  it('is cleared when the server finds the session expired: by the status endpoint and by an account page', async () => {
    const email = await member();
    const { cookie } = await logIn(email);
    assert.equal((await get('/account/status', cookie)).json().signedIn, true);
    await sql`update sessions set expires_at = now() - interval '1 minute'
      where subject_kind = 'member' and subject_id = (select id from members where email = ${email})`.execute(ctx.db.database.db);

    const status = await get('/account/status', cookie);
    assert.deepEqual(status.json(), { signedIn: false });
    assert.equal(status.headers['cache-control'], 'private, no-store');
    const fromStatus = cookiesSet(status.headers['set-cookie']);
    assert.ok(isCleared(fromStatus.get('hatago_signed_in')), 'the script stops asking after this answer');
    assert.ok(isCleared(fromStatus.get('hatago_member')));

    const account = await get('/account/profile', cookie);
    assert.equal(account.statusCode, 303);
    assert.ok(isCleared(cookiesSet(account.headers['set-cookie']).get('hatago_signed_in')));
  });

  it('clears a hint left without any session, and sets nothing for a visitor who sent neither', async () => {
    const stale = await get('/account/status', 'hatago_signed_in=1');
    assert.deepEqual(stale.json(), { signedIn: false });
    assert.ok(isCleared(cookiesSet(stale.headers['set-cookie']).get('hatago_signed_in')));
    const anonymous = await get('/account/status');
    assert.equal(anonymous.headers['set-cookie'], undefined);
  });

  it('never sets or clears it on a page the edge caches, whatever cookies come', async () => {
    const { cookie } = await logIn(await member());
    for (const sent of [cookie, 'hatago_signed_in=1', 'hatago_member=gone; hatago_signed_in=1']) {
      const home = await get('/', sent);
      assert.match(String(home.headers['cache-control']), /^public/);
      assert.equal(home.headers['set-cookie'], undefined, sent);
    }
  });
});
