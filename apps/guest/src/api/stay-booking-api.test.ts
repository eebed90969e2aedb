import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { sql } from 'kysely';
import { SandboxPaymentProvider } from '@hatago/payments';
import { appUnderTest, futureDate } from '@hatago/test-support';
import { buildGuestApp } from '../guest-app.ts';

const guest = { name: '山田 太郎', email: 'taro@example.com', phone: '090-1111-2222' };
const sandbox = new SandboxPaymentProvider();

describe('POST /api/v1/reservations: party, arrival, requests, consent and card guarantees', () => {
  const ctx = appUnderTest(buildGuestApp);
  const count = async () => (await sql<{ n: number }>`select count(*)::int as n from reservations`.execute(ctx.db.database.db)).rows[0]!.n;
  const book = (key: string, payload: Record<string, unknown>) =>
    ctx.app.inject({ method: 'POST', url: '/api/v1/reservations', headers: { 'idempotency-key': `stay-api-${key}` }, payload });

  /** Two plans of twin rooms (2 guests): the first paid at the hotel, the second taking a card guarantee. */
  async function plans() {
    const { rows } = await sql<{ id: number; checkin_time: string }>`
      select rp.id, h.checkin_time from rate_plans rp join room_types rt on rt.id = rp.room_type_id join hotels h on h.id = rt.hotel_id
      where rt.capacity = 2 and rp.active order by rp.id limit 2`.execute(ctx.db.database.db);
    await sql`update rate_plans set guarantee_required = true where id = ${rows[1]!.id}`.execute(ctx.db.database.db);
    return { atHotel: rows[0]!, guaranteed: rows[1]! };
  }

  it('books adults and children, the arrival and the requests; guests alone still means adults', async () => {
    const { atHotel } = await plans();
    const arrival = atHotel.checkin_time.slice(0, 5);
    const res = await book('party', { planId: atHotel.id, checkin: futureDate(25), nights: 1, adults: 1, children: 1, rooms: 1, arrivalTime: arrival, requests: 'Quiet room', acceptTerms: true, guest });
    assert.equal(res.statusCode, 201, res.body);
    assert.deepEqual(
      (({ guests, adults, children, arrivalTime, requests, payment }) => ({ guests, adults, children, arrivalTime, requests, payment }))(res.json()),
      { guests: 2, adults: 1, children: 1, arrivalTime: arrival, requests: 'Quiet room', payment: { kind: 'at_hotel' } },
    );
    const older = await book('older', { planId: atHotel.id, checkin: futureDate(25), nights: 1, guests: 2, rooms: 1, acceptTerms: true, guest });
    assert.equal(older.statusCode, 201, older.body);
    assert.deepEqual([older.json().adults, older.json().children, older.json().arrivalTime], [2, 0, null]);
  });

  it('answers bad details and a missing or declined card with 422 problem+json naming the field, booking nothing', async () => {
    const { atHotel, guaranteed } = await plans();
    const valid = { planId: atHotel.id, checkin: futureDate(26), nights: 1, adults: 2, rooms: 1, acceptTerms: true, guest };
    const declined = sandbox.tokenise({ number: '4000000000000002', expiry: '12/39', cvc: '123' }).token;
    const before = await count();
    const cases: Array<[string, Record<string, unknown>, string, string]> = [
      ['no consent', { ...valid, acceptTerms: undefined }, 'INVALID_BOOKING', 'acceptTerms'],
      ['consent not true', { ...valid, acceptTerms: false }, 'INVALID_BOOKING', 'acceptTerms'],
      ['children over capacity', { ...valid, children: 1 }, 'ROOMS_TOO_SMALL', 'guests'],
      ['arrival before check-in', { ...valid, arrivalTime: '05:00' }, 'INVALID_BOOKING', 'arrivalTime'],
      ['requests too long', { ...valid, requests: 'x'.repeat(501) }, 'INVALID_BOOKING', 'requests'],
      ['guarantee without a card', { ...valid, planId: guaranteed.id }, 'INVALID_BOOKING', 'guaranteeToken'],
      ['declined card', { ...valid, planId: guaranteed.id, guaranteeToken: declined }, 'CARD_DECLINED', 'guaranteeToken'],
    ];
    for (const [name, payload, code, field] of cases) {
      const res = await book(`bad-${name.replace(/ /g, '-')}`, payload);
      assert.equal(res.statusCode, 422, name);
      assert.match(String(res.headers['content-type']), /^application\/problem\+json/, name);
      assert.equal(res.json().code, code, name);
      assert.ok(res.json().errors.some((e: { field: string }) => e.field === field), `${name}: ${res.body}`);
    }
    assert.equal(await count(), before);
  });

  it('holds a good card and answers only its brand and last four', async () => {
    const { guaranteed } = await plans();
    const card = sandbox.tokenise({ number: '4242424242424242', expiry: '12/39', cvc: '123' });
    const res = await book('card', { planId: guaranteed.id, checkin: futureDate(27), nights: 1, adults: 2, rooms: 1, acceptTerms: true, guaranteeToken: card.token, guest });
    assert.equal(res.statusCode, 201, res.body);
    const { payment } = res.json();
    assert.deepEqual({ kind: payment.kind, brand: payment.brand, last4: payment.last4, status: payment.status }, { kind: 'guarantee', brand: 'visa', last4: '4242', status: 'authorised' });
    assert.ok(!res.body.includes(card.token), 'the token stays inside');
  });
});
