import assert from 'node:assert/strict';
import { it } from 'node:test';
import { THROTTLE } from '@hatago/identity';
import type { HttpApp } from '@hatago/platform/http';
import { againstEveryApp, DEMO_PASSWORD, FORM, form, SAME_SITE } from './support/apps-under-attack.ts';

/**
 * Finding 2 of issue 16: five wrong passwords from anywhere locked an account for everyone,
 * so a few addresses could keep every (predictable) staff login locked.
 */
againstEveryApp('finding 2: nobody can lock an account out for its owner', (apps) => {
  const login = (app: HttpApp, url: string, fields: Record<string, string>, from: string, cookie?: string) =>
    app.inject({ method: 'POST', url, headers: { ...FORM, ...SAME_SITE, 'x-forwarded-for': from, ...(cookie ? { cookie } : {}) }, payload: form(fields) });
  const cookiesOf = (setCookie: string | string[] | undefined) => [setCookie ?? []].flat().map((c) => c.split(';')[0]).join('; ');

  it('refuses the guessing address but lets the owner in from elsewhere', async () => {
    const { operator } = apps();
    for (let i = 0; i < THROTTLE.perAccountAndClient; i++) {
      assert.equal((await login(operator, '/operator/login', { login: 'support', password: `guess ${i}` }, '203.0.113.1')).statusCode, 401);
    }
    assert.equal((await login(operator, '/operator/login', { login: 'support', password: DEMO_PASSWORD }, '203.0.113.1')).statusCode, 429);
    assert.equal((await login(operator, '/operator/login', { login: 'support', password: DEMO_PASSWORD }, '192.0.2.10')).statusCode, 303);
  });

  it('under a sustained attack from many addresses, lets in the devices the owner used before and alerts once', async () => {
    const { facility, guest, db } = apps();
    const ownerDevice = cookiesOf((await login(facility, '/facility/login', { login: 'facility-1', password: DEMO_PASSWORD }, '192.0.2.20')).headers['set-cookie']);
    const memberDevice = cookiesOf((await login(guest, '/login', { email: 'member@example.com', password: DEMO_PASSWORD }, '192.0.2.21')).headers['set-cookie']);
    for (let i = 0; i <= THROTTLE.perAccount; i++) {
      const from = `198.51.100.${Math.floor(i / THROTTLE.perAccountAndClient)}`;
      await login(facility, '/facility/login', { login: 'facility-1', password: `guess ${i}` }, from);
      await login(guest, '/login', { email: 'member@example.com', password: `guess ${i}` }, from);
    }
    const stranger = await login(facility, '/facility/login', { login: 'facility-1', password: DEMO_PASSWORD }, '192.0.2.30');
    assert.equal(stranger.statusCode, 429, 'an unknown device waits, even with the right password');
    assert.equal((await login(facility, '/facility/login', { login: 'facility-1', password: DEMO_PASSWORD }, '192.0.2.31', ownerDevice)).statusCode, 303);
    assert.equal((await login(guest, '/login', { email: 'member@example.com', password: DEMO_PASSWORD }, '192.0.2.32', memberDevice)).statusCode, 303);

    const notices = await db.database.db.selectFrom('mail_messages').select(['channel', 'params']).where('template', '=', 'login-failures-sustained').execute();
    assert.equal(notices.length, 2, 'one notice for each attacked account');
    assert.ok(notices.every((n) => n.channel === 'slack'));
  });

  it('does not take a forged known-device cookie', async () => {
    const { facility } = apps();
    for (const cookie of ['hatago_facility_device=facility%3A1', 'hatago_facility_device=facility%3A1.forged-signature']) {
      assert.equal((await login(facility, '/facility/login', { login: 'facility-1', password: DEMO_PASSWORD }, '192.0.2.40', cookie)).statusCode, 429, cookie);
    }
  });
});
