import assert from 'node:assert/strict';
import { it } from 'node:test';
import type { HttpApp } from '@hatago/platform/http';
import { futureDate } from '@hatago/test-support';
import { againstEveryApp, type AppsUnderAttack, FORM, form, SAME_SITE } from './support/apps-under-attack.ts';

/**
 * Finding 4 of issue 16: look-up and cancel by code and email had no limit, so whoever
 * held a code could try emails without end. Tries are now limited per client and per
 * code, API and forms counting together, and a wrong code answers like a wrong email.
 */
const PER_CODE = 10;
const PER_CLIENT = 30;

let unique = 0;
// a code of the right shape that no reservation has (the seed's codes are random)
const unknownCode = () => `HT${String(unique++).padStart(4, '0')}ZZZZZZ`;

/** Books a stay through the API, as the guest whose code an attacker later holds. */
async function aReservation({ guest }: AppsUnderAttack): Promise<{ code: string; email: string }> {
  const checkin = futureDate(20);
  const stay = `checkin=${checkin}&nights=1&guests=1&rooms=1`;
  const hotel = (await guest.inject({ url: `/api/v1/hotels?area=kyoto&${stay}` })).json().items[0];
  const roomTypes = (await guest.inject({ url: `/api/v1/hotels/${hotel.id}?${stay}` })).json().roomTypes as Array<{ available: number; plans: Array<{ id: number }> }>;
  const planId = roomTypes.find((roomType) => roomType.available > 0)!.plans[0]!.id;
  const email = `held-code-${unique++}@example.com`;
  const booked = await guest.inject({
    method: 'POST',
    url: '/api/v1/reservations',
    headers: { 'idempotency-key': `finding-4-${email}` },
    payload: { planId, checkin, nights: 1, guests: 1, rooms: 1, acceptTerms: true, guest: { name: '佐藤 花子', email, phone: '+81 90 1234 5678' } },
    remoteAddress: '10.3.0.1',
  });
  assert.equal(booked.statusCode, 201, booked.body);
  return { code: booked.json().code, email };
}

const lookUpApi = (app: HttpApp, code: string, email: string, client: string) =>
  app.inject({ url: `/api/v1/reservations/${code}?email=${encodeURIComponent(email)}`, remoteAddress: client });
const cancelApi = (app: HttpApp, code: string, email: string, client: string) =>
  app.inject({ method: 'POST', url: `/api/v1/reservations/${code}/cancel`, payload: { email }, remoteAddress: client });
const lookUpForm = (app: HttpApp, code: string, email: string, client: string) =>
  app.inject({ method: 'POST', url: '/reservations/lookup', headers: { ...FORM, ...SAME_SITE }, payload: form({ code, email, lang: 'en' }), remoteAddress: client });
const cancelForm = (app: HttpApp, code: string, email: string, client: string) =>
  app.inject({ method: 'POST', url: `/reservations/${code}/cancel`, headers: { ...FORM, ...SAME_SITE }, payload: form({ email, confirm: 'yes', lang: 'en' }), remoteAddress: client });

const withoutEcho = (body: string) => {
  const { requestId: _id, instance: _at, ...rest } = JSON.parse(body) as Record<string, unknown>;
  return rest;
};

againstEveryApp('finding 4: look-ups by code and email are limited', (apps) => {
  it('answers a wrong code exactly as a wrong email, on the API and the form', async () => {
    const { guest } = apps();
    const { code, email } = await aReservation(apps());
    const wrongEmail = await lookUpApi(guest, code, 'someone-else@example.com', '10.4.0.1');
    const wrongCode = await lookUpApi(guest, unknownCode(), email, '10.4.0.2');
    assert.deepEqual([wrongEmail.statusCode, withoutEcho(wrongEmail.body)], [wrongCode.statusCode, withoutEcho(wrongCode.body)]);
    assert.equal(wrongEmail.statusCode, 404);
    const pageOf = (body: string) => body.replace(/ value="[^"]*" required/g, '');
    const formWrongEmail = await lookUpForm(guest, code, 'someone-else@example.com', '10.4.0.3');
    const formWrongCode = await lookUpForm(guest, unknownCode(), email, '10.4.0.4');
    assert.equal(formWrongEmail.statusCode, formWrongCode.statusCode);
    assert.equal(pageOf(formWrongEmail.body), pageOf(formWrongCode.body));
  });

  it('stops emails tried against one code from many addresses, even the right one, with Retry-After', async () => {
    const { guest } = apps();
    const { code, email } = await aReservation(apps());
    // API and forms, look-ups and cancels: one count per code
    const tries = [lookUpApi, cancelApi, lookUpForm, cancelForm];
    for (let i = 0; i < PER_CODE; i++) {
      const response = await tries[i % tries.length]!(guest, code, `guess-${i}@example.com`, `10.5.${i}.1`);
      assert.equal(response.statusCode, 404, `try ${i + 1} is within the limit`);
    }
    const refused = await lookUpApi(guest, code, email, '10.5.99.1');
    assert.equal(refused.statusCode, 429, 'past the limit even the right email waits');
    assert.equal(JSON.parse(refused.body).code, 'LOOKUP_THROTTLED');
    assert.ok(Number(refused.headers['retry-after']) > 0);
    assert.equal((await cancelApi(guest, code, email, '10.5.99.2')).statusCode, 429);
    const page = await lookUpForm(guest, code.toLowerCase(), email, '10.5.99.3');
    assert.equal(page.statusCode, 429, 'another spelling of the code is the same code');
    assert.match(page.headers['content-type'] as string, /text\/html/);
    assert.match(page.body, /Too many tries/);
    assert.equal((await cancelForm(guest, code, email, '10.5.99.4')).statusCode, 429);
    const cancelled = await apps().db.database.db.selectFrom('reservations').select('status').where('code', '=', code).executeTakeFirstOrThrow();
    assert.equal(cancelled.status, 'confirmed');
  });

  it('stops one address sweeping codes, whichever route it uses', async () => {
    const { guest } = apps();
    const client = '10.6.0.1';
    for (let i = 0; i < PER_CLIENT; i++) {
      const response = await (i % 2 ? lookUpForm : lookUpApi)(guest, unknownCode(), 'guest@example.com', client);
      assert.equal(response.statusCode, 404, `try ${i + 1} is within the limit`);
    }
    const refused = await lookUpApi(guest, unknownCode(), 'guest@example.com', client);
    assert.equal(refused.statusCode, 429);
    assert.ok(Number(refused.headers['retry-after']) > 0);
    assert.equal((await cancelForm(guest, unknownCode(), 'guest@example.com', client)).statusCode, 429);
    assert.equal((await lookUpApi(guest, unknownCode(), 'guest@example.com', '10.6.0.2')).statusCode, 404, 'other addresses are not held up');
  });
});
