import assert from 'node:assert/strict';
import { it } from 'node:test';
import { bookStay, type Reservation } from '@hatago/booking';
import type { HttpApp } from '@hatago/platform/http';
import { futureDate, testBookingContext } from '@hatago/test-support';
import { againstEveryApp, type AppsUnderAttack, DEMO_PASSWORD, FORM, form, SAME_SITE, urlEncode } from './support/apps-under-attack.ts';

/** Finding 1 of issue 16: control characters in unauthenticated fields reached PostgreSQL and answered 500. */
const HOSTILE = { nul: 'a\u0000b', bell: 'a\u0007b', del: 'a\u007fb', c1: 'a\u0085b', noncharacter: 'a\uffffb' };
// only JSON can carry one (`"\ud800"`); URL and form decoders turn its bytes into U+FFFD
const LONE_SURROGATE = 'a\ud800b';

againstEveryApp('finding 1: control characters never reach the database', (apps) => {
  let reservation: Reservation;
  const guestEmail = 'finding1@example.com';

  const postForm = (app: HttpApp, url: string, fields: Record<string, string>) =>
    app.inject({ method: 'POST', url, headers: { ...FORM, ...SAME_SITE }, payload: form(fields) });
  const postJson = (url: string, body: unknown, headers: Record<string, string> = {}) =>
    apps().guest.inject({ method: 'POST', url, headers: { 'content-type': 'application/json', ...headers }, payload: JSON.stringify(body) });
  const statusOf = async ({ db }: AppsUnderAttack) =>
    (await db.database.db.selectFrom('reservations').select('status').where('code', '=', reservation.code).executeTakeFirstOrThrow()).status;

  const refusedAsField = (response: { statusCode: number; json(): any }, field: string) => {
    assert.ok(response.statusCode === 400 || response.statusCode === 422, `status ${response.statusCode}`);
    assert.ok(
      response.json().errors.some((e: { field: string }) => e.field === field),
      `a field error names ${field}: ${JSON.stringify(response.json().errors)}`,
    );
  };
  const refusedPage = (response: { statusCode: number; body: string }) => {
    assert.ok(response.statusCode >= 400 && response.statusCode < 500, `status ${response.statusCode}: ${response.body.slice(0, 200)}`);
  };

  it('books a reservation to attack', async () => {
    const plan = await apps().db.database.db.selectFrom('rate_plans').select('id').orderBy('id').limit(1).executeTakeFirstOrThrow();
    ({ reservation } = await bookStay(
      testBookingContext(apps().db.database.db),
      { planId: plan.id, checkin: futureDate(20), nights: 1, guests: 1, rooms: 1, acceptTerms: true, guest: { name: 'Finding One', nameLatin: 'Finding One', email: guestEmail, phone: '090-1111-2222' } },
      { idempotencyKey: 'security-finding-1' },
    ));
  });

  for (const [kind, value] of Object.entries(HOSTILE)) {
    it(`API look-up, cancel and booking refuse ${kind} as a field error`, async () => {
      refusedAsField(await apps().guest.inject(`/api/v1/reservations/${reservation.code}?email=${urlEncode(value)}`), 'query.email');
      refusedAsField(await apps().guest.inject(`/api/v1/reservations/${urlEncode(value)}?email=${guestEmail}`), 'params.code');
      refusedAsField(await postJson(`/api/v1/reservations/${reservation.code}/cancel`, { email: value }), 'body.email');
      const booking = { planId: 1, checkin: futureDate(21), nights: 1, guests: 1, rooms: 1, acceptTerms: true, guest: { name: value, nameLatin: 'X', email: 'x@example.com', phone: '090' } };
      refusedAsField(await postJson('/api/v1/reservations', booking, { 'idempotency-key': 'security-key-1' }), 'body.guest.name');
      assert.equal(await statusOf(apps()), 'confirmed');
    });

    it(`guest forms refuse ${kind} with a 4xx page and change nothing`, async () => {
      const { guest } = apps();
      refusedPage(await postForm(guest, '/reservations/lookup', { code: reservation.code, email: value }));
      refusedPage(await postForm(guest, '/reservations/lookup', { code: value, email: guestEmail }));
      refusedPage(await postForm(guest, `/reservations/${reservation.code}/cancel`, { email: value, confirm: 'yes' }));
      refusedPage(await postForm(guest, `/reservations/${urlEncode(value)}/cancel`, { email: guestEmail, confirm: 'yes' }));
      refusedPage(await postForm(guest, '/login', { email: value, password: DEMO_PASSWORD }));
      refusedPage(await guest.inject(`/reservations/lookup?code=${urlEncode(value)}`));
      assert.equal(await statusOf(apps()), 'confirmed');
    });

    it(`staff logins refuse ${kind} with a 4xx page`, async () => {
      const { facility, operator } = apps();
      refusedPage(await postForm(facility, '/facility/login', { login: value, password: DEMO_PASSWORD }));
      refusedPage(await postForm(facility, '/facility/login', { login: 'facility-1', password: value }));
      refusedPage(await postForm(operator, '/operator/login', { login: value, password: DEMO_PASSWORD }));
      refusedPage(await postForm(operator, '/operator/login', { login: 'admin', password: DEMO_PASSWORD, next: `/operator/${value}` }));
    });
  }

  it('refuses a lone surrogate in JSON and answers a URL or form carrying one without a 5xx', async () => {
    refusedAsField(await postJson(`/api/v1/reservations/${reservation.code}/cancel`, { email: LONE_SURROGATE }), 'body.email');
    const { guest, facility } = apps();
    for (const response of [
      await guest.inject(`/api/v1/reservations/${urlEncode(LONE_SURROGATE)}?email=${urlEncode(LONE_SURROGATE)}`),
      await guest.inject({ method: 'POST', url: '/reservations/lookup', headers: { ...FORM, ...SAME_SITE }, payload: `code=${urlEncode(LONE_SURROGATE)}&email=x` }),
      await facility.inject({ method: 'POST', url: '/facility/login', headers: { ...FORM, ...SAME_SITE }, payload: `login=${urlEncode(LONE_SURROGATE)}&password=x` }),
    ]) {
      assert.ok(response.statusCode >= 400 && response.statusCode < 500, `status ${response.statusCode}`);
    }
    assert.equal(await statusOf(apps()), 'confirmed');
  });

  it('refuses a control character in the idempotency key, which is stored', async () => {
    const booking = { planId: 1, checkin: futureDate(21), nights: 1, guests: 1, rooms: 1, acceptTerms: true, guest: { name: 'X', nameLatin: 'X', email: 'x@example.com', phone: '090' } };
    refusedAsField(await postJson('/api/v1/reservations', booking, { 'idempotency-key': 'security\u0085key' }), 'headers.idempotency-key');
  });

  it('treats a session cookie holding a control character as no session, not as a 500', async () => {
    for (const [app, url, name] of [
      [apps().guest, '/account/reservations', 'hatago_member'],
      [apps().facility, '/facility/', 'hatago_facility'],
      [apps().operator, '/operator/reservations', 'hatago_operator'],
    ] as const) {
      const response = await app.inject({ url, headers: { cookie: `${name}=abc%00def` } });
      assert.ok([302, 303].includes(response.statusCode), `${url} answered ${response.statusCode}`);
      assert.match(String(response.headers.location), /login/, `${url} sends the visitor to sign in`);
    }
  });
});
