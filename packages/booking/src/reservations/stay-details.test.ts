import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { DomainError, FieldErrors } from '@hatago/platform/errors';
import { createTestDatabase, futureDate, type TestDatabase, testDatabaseTargets, testBookingContext } from '@hatago/test-support';
import { bookStay, type BookingRequest } from './book-stay.ts';
import { arrivalTimes, parseStayDetails } from './stay-details.ts';

const guest = { name: '山田 太郎', nameLatin: 'Taro Yamada', email: 'taro@example.com', phone: '090-1111-2222' };
const CARD = '4242424242424242';

const fieldsOf = (error: unknown) => (error instanceof DomainError ? error.fields.map((f) => f.field) : []);

describe('stay details', () => {
  it('offers the half-hours from the check-in time to 23:30', () => {
    assert.deepEqual(arrivalTimes('22:15'), ['22:30', '23:00', '23:30']);
    assert.equal(arrivalTimes('15:00')[0], '15:00');
    assert.equal(arrivalTimes('15:00').length, 18);
  });

  it('reads guests as adults for older clients and refuses bad parties, times, requests and missing consent', () => {
    const errors = new FieldErrors();
    assert.deepEqual(parseStayDetails({ guests: 3, acceptTerms: true }, errors), { adults: 3, children: 0, arrivalTime: null, requests: null });
    assert.deepEqual(errors.list, []);
    const bad = new FieldErrors();
    parseStayDetails({ adults: 0, children: -1, arrivalTime: '25:00', requests: 'x'.repeat(501), acceptTerms: 'yes' }, bad);
    assert.deepEqual(bad.list.map((e) => e.field), ['adults', 'children', 'arrivalTime', 'requests', 'acceptTerms']);
  });
});

for (const target of testDatabaseTargets()) {
  describe(`stay details and guarantees on ${target.name}`, () => {
    let db: TestDatabase;
    let twin: { plan_id: number; room_type_id: number; checkin_time: string };
    let guaranteed: { plan_id: number; room_type_id: number };
    const context = () => testBookingContext(db.database.db);
    const count = async (table: 'reservations' | 'mail_messages' | 'booking_idempotency') =>
      (await sql<{ n: number }>`select count(*)::int as n from ${sql.table(table)}`.execute(db.database.db)).rows[0]!.n;
    const reserved = async (roomTypeId: number, checkin: string) =>
      (await sql<{ reserved: number }>`select reserved from room_inventory where room_type_id = ${roomTypeId} and stay_date = ${checkin}::date`.execute(db.database.db))
        .rows[0]!.reserved;

    before(async () => {
      db = await createTestDatabase(target);
      const plans = await sql<{ plan_id: number; room_type_id: number; checkin_time: string }>`
        select rp.id as plan_id, rt.id as room_type_id, h.checkin_time from rate_plans rp
          join room_types rt on rt.id = rp.room_type_id join hotels h on h.id = rt.hotel_id
        where rt.capacity = 2 and rp.active order by rp.id limit 2`.execute(db.database.db);
      [twin, guaranteed] = [plans.rows[0]!, plans.rows[1]!];
      await sql`update rate_plans set guarantee_required = true where id = ${guaranteed.plan_id}`.execute(db.database.db);
    });
    after(() => db.dispose());

    const request = (extra: Partial<BookingRequest>): BookingRequest => ({
      planId: twin.plan_id, checkin: futureDate(30), nights: 1, adults: 2, rooms: 1, guest, acceptTerms: true, ...extra,
    });

    it('records adults, children, the arrival time and the requests; children count toward the room capacity', async () => {
      const { reservation } = await bookStay(context(), request({ adults: 1, children: 1, arrivalTime: twin.checkin_time.slice(0, 5), requests: '  禁煙室希望  ' }), {
        idempotencyKey: `details-${target.name}`,
      });
      assert.deepEqual(
        { guests: reservation.guests, adults: reservation.adults, children: reservation.children, arrival: reservation.arrivalTime, requests: reservation.requests, payment: reservation.payment },
        { guests: 2, adults: 1, children: 1, arrival: twin.checkin_time.slice(0, 5), requests: '禁煙室希望', payment: { kind: 'at_hotel' } },
      );
      assert.ok(reservation.termsAcceptedAt && Date.now() - Date.parse(reservation.termsAcceptedAt) < 60_000, 'the consent is recorded with the booking');
      await assert.rejects(bookStay(context(), request({ adults: 2, children: 1 }), { idempotencyKey: `too-many-${target.name}` }), (e) => fieldsOf(e).includes('guests'));
    });

    it('books nothing without consent or with an arrival before check-in', async () => {
      const before = await count('booking_idempotency');
      await assert.rejects(bookStay(context(), request({ acceptTerms: false }), { idempotencyKey: `consent-${target.name}` }), (e) => fieldsOf(e).includes('acceptTerms'));
      await assert.rejects(bookStay(context(), request({ arrivalTime: '06:00' }), { idempotencyKey: `early-${target.name}` }), (e) => fieldsOf(e).includes('arrivalTime'));
      assert.equal(await count('booking_idempotency'), before);
    });

    it('requires a card for a guaranteed plan; a declined card takes no room and sends no mail', async () => {
      const payments = context().payments;
      const checkin = futureDate(31);
      const [reservations, mails, rooms] = [await count('reservations'), await count('mail_messages'), await reserved(guaranteed.room_type_id, checkin)];
      const book = (key: string, token?: string) =>
        bookStay(context(), request({ planId: guaranteed.plan_id, checkin, ...(token && { guaranteeToken: token }) }), { idempotencyKey: `${key}-${target.name}` });
      await assert.rejects(book('no-card'), (e) => fieldsOf(e).includes('guaranteeToken'));
      const declined = payments.tokenise({ number: '4000000000000002', expiry: '12/39', cvc: '123' }).token;
      await assert.rejects(book('declined', declined), (e) => e instanceof DomainError && e.code === 'CARD_DECLINED');
      assert.deepEqual([await count('reservations'), await count('mail_messages'), await reserved(guaranteed.room_type_id, checkin)], [reservations, mails, rooms]);

      const card = payments.tokenise({ number: CARD, expiry: '12/39', cvc: '987' });
      const { reservation } = await book('card-ok', card.token);
      assert.equal(reservation.payment.kind, 'guarantee');
      assert.deepEqual(reservation.payment, { kind: 'guarantee', brand: 'visa', last4: '4242', amount: reservation.totalPrice, status: 'authorised', charged: null, settledAt: null });
      assert.equal(await reserved(guaranteed.room_type_id, checkin), rooms + 1);
    });

    it('stores neither a card number nor a security code anywhere', async () => {
      const payments = context().payments;
      const card = payments.tokenise({ number: '5555 5555 5555 4444', expiry: '11/38', cvc: '9731' });
      const { reservation } = await bookStay(context(), request({ planId: guaranteed.plan_id, checkin: futureDate(32), guaranteeToken: card.token }), {
        idempotencyKey: `no-card-data-${target.name}`,
      });
      const { rows } = await sql<{ dump: string }>`
        select (select r::text from reservations r where r.code = ${reservation.code})
          || coalesce((select string_agg(m::text, ' ') from mail_messages m where m.reference = ${reservation.code}), '') as dump`.execute(db.database.db);
      const dump = rows[0]!.dump;
      assert.match(dump, /4444/, 'the last four are kept to name the card');
      assert.doesNotMatch(dump, /5555\s*5555|55554444/, 'no card number');
      // bounded so a hex id or a price that merely contains the digits does not count
      assert.doesNotMatch(dump, /(?<![0-9a-f])9731(?![0-9a-f])/, 'no security code');
    });
  });
}
