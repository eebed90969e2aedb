import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { quoteStay } from '@hatago/catalog';
import { DomainError } from '@hatago/platform/errors';
import { createTestDatabase, futureDate, RecordingChanges, type TestDatabase, testBookingContext, testDatabaseTargets } from '@hatago/test-support';
import type { StaffAction } from '../front-desk/staff-action.ts';
import { checkIn } from '../front-desk/stay-transitions.ts';
import { bookStay } from './book-stay.ts';
import { modifyReservation, previewModification } from './modify-reservation.ts';

const guest = { name: '山田 太郎', nameLatin: 'Taro Yamada', email: 'taro@example.com', phone: '090-1111-2222' };

interface Plan {
  plan_id: number;
  room_type_id: number;
  hotel_id: number;
}

/** Two plans of one hotel on different room types, and a plan of another hotel. */
async function plans(db: TestDatabase, hotelOffset: number): Promise<{ first: Plan; other: Plan; elsewhere: Plan }> {
  const { rows } = await sql<Plan>`
    select rp.id as plan_id, rp.room_type_id, rt.hotel_id from rate_plans rp join room_types rt on rt.id = rp.room_type_id
    where rt.hotel_id = (select id from hotels order by id offset ${hotelOffset} limit 1) order by rt.id, rp.id`.execute(db.database.db);
  const first = rows[0]!;
  const other = rows.find((r) => r.room_type_id !== first.room_type_id)!;
  const { rows: away } = await sql<Plan>`
    select rp.id as plan_id, rp.room_type_id, rt.hotel_id from rate_plans rp join room_types rt on rt.id = rp.room_type_id
    where rt.hotel_id <> ${first.hotel_id} order by rp.id limit 1`.execute(db.database.db);
  return { first, other, elsewhere: away[0]! };
}

async function reserved(db: TestDatabase, roomTypeId: number, from: string, nights: number): Promise<number[]> {
  const { rows } = await sql<{ reserved: number }>`
    select reserved from room_inventory where room_type_id = ${roomTypeId} and stay_date >= ${from}::date and stay_date < ${from}::date + ${nights}::int
    order by stay_date`.execute(db.database.db);
  return rows.map((r) => r.reserved);
}

const rejectsWith = (promise: Promise<unknown>, code: string, fields?: string[]) =>
  assert.rejects(promise, (error: unknown) => {
    assert.ok(error instanceof DomainError, String(error));
    assert.equal(error.code, code);
    if (fields) assert.deepEqual(error.fields.map((f) => f.field).sort(), fields.sort());
    return true;
  });

const desk = (hotelId: number): StaffAction => ({ staff: { id: 7, name: 'Front desk', kind: 'facility', hotelId, role: null }, requestId: 'req-desk' });

for (const target of testDatabaseTargets()) {
  describe(`modifying a reservation on ${target.name}`, () => {
    let db: TestDatabase;
    before(async () => {
      db = await createTestDatabase(target);
    });
    after(() => db.dispose());

    const book = async (planId: number, checkin: string, nights: number, key: string, extra: { rooms?: number; locale?: 'ja' | 'en' } = {}) =>
      (await bookStay(testBookingContext(db.database.db), { planId, checkin, nights, guests: extra.rooms ?? 1, rooms: extra.rooms ?? 1, guest, acceptTerms: true }, { idempotencyKey: `${key}-${target.name}`, locale: extra.locale ?? 'en' }))
        .reservation;

    it('re-quotes at today\'s prices, moves the rooms, replaces the nights, audits and mails the guest in their language', async () => {
      const { first, other } = await plans(db, 0);
      const reservation = await book(first.plan_id, futureDate(10), 2, 'modify-main', { locale: 'ja' });
      const oldBefore = await reserved(db, first.room_type_id, futureDate(10), 2);
      const newBefore = await reserved(db, other.room_type_id, futureDate(12), 3);
      const changes = new RecordingChanges();
      const change = { planId: other.plan_id, checkin: futureDate(12), nights: 3, guests: 3, rooms: 2, version: reservation.version };

      const preview = await previewModification(db.database.db, reservation.code, change, desk(first.hotel_id));
      const quote = await quoteStay(db.database.db, other.plan_id, { checkin: futureDate(12), nights: 3, guests: 3, rooms: 2 });
      assert.equal(preview.before.totalPrice, reservation.totalPrice);
      assert.equal(preview.after.totalPrice, quote.totalPrice);
      assert.equal(preview.unchanged, false);

      const outcome = await modifyReservation(testBookingContext(db.database.db, changes), reservation.code, { ...change, expectedTotal: String(quote.totalPrice) }, desk(first.hotel_id));
      assert.equal(outcome.changed, true);
      const r = outcome.reservation;
      assert.deepEqual([r.planId, r.roomTypeId, r.checkin, r.nights, r.guests, r.rooms, r.version], [other.plan_id, other.room_type_id, futureDate(12), 3, 3, 2, 2]);
      assert.equal(r.totalPrice, quote.totalPrice);
      assert.equal(r.accommodationTax, quote.breakdown.accommodationTax);
      assert.equal(r.roomTypeName, quote.roomTypeName.ja, 'names frozen in the language the guest booked in');
      assert.deepEqual(await reserved(db, first.room_type_id, futureDate(10), 2), oldBefore.map((n) => n - 1));
      assert.deepEqual(await reserved(db, other.room_type_id, futureDate(12), 3), newBefore.map((n) => n + 2));

      const { rows: nights } = await sql<{ stay_date: string; price: number }>`
        select to_char(stay_date, 'YYYY-MM-DD') as stay_date, price from reservation_nights n join reservations r on r.id = n.reservation_id
        where r.code = ${r.code} order by stay_date`.execute(db.database.db);
      assert.deepEqual(nights, quote.nightly.map((n) => ({ stay_date: n.date, price: n.price * 2 })));

      const { rows: audits } = await sql<{ action: string; actor_kind: string; detail: unknown }>`
        select action, actor_kind, detail from audit_log where target_id = ${r.code}`.execute(db.database.db);
      assert.equal(audits.length, 1);
      assert.equal(audits[0]!.action, 'reservation.modify');
      assert.equal(audits[0]!.actor_kind, 'facility');
      const detail = (typeof audits[0]!.detail === 'string' ? JSON.parse(audits[0]!.detail) : audits[0]!.detail) as { before: { nights: number }; after: { nights: number } };
      assert.deepEqual([detail.before.nights, detail.after.nights], [2, 3]);

      const { rows: mails } = await sql<{ template: string; locale: string; recipient: string }>`
        select template, locale, recipient from mail_messages where reference = ${r.code} and template = 'reservation-modification'`.execute(db.database.db);
      assert.deepEqual(mails, [{ template: 'reservation-modification', locale: 'ja', recipient: guest.email }]);
      assert.deepEqual(changes.published, [{ hotelId: first.hotel_id, kind: 'booking' }]);
    });

    it('counts nights both stays hold once: a longer stay keeps a night that is sold out', async () => {
      const { first } = await plans(db, 1);
      const reservation = await book(first.plan_id, futureDate(20), 1, 'modify-overlap');
      await sql`update room_inventory set total = reserved where room_type_id = ${first.room_type_id} and stay_date = ${futureDate(20)}::date`.execute(db.database.db);
      const [fullNight] = await reserved(db, first.room_type_id, futureDate(20), 1);
      const [nextNight] = await reserved(db, first.room_type_id, futureDate(21), 1);

      const { reservation: longer } = await modifyReservation(testBookingContext(db.database.db), reservation.code, { nights: 2, version: 1 }, desk(first.hotel_id));
      assert.equal(longer.nights, 2);
      assert.deepEqual(await reserved(db, first.room_type_id, futureDate(20), 2), [fullNight, nextNight! + 1]);

      await rejectsWith(
        modifyReservation(testBookingContext(db.database.db), reservation.code, { rooms: 2, guests: 2, version: 2 }, desk(first.hotel_id)),
        'SOLD_OUT',
      );
      assert.deepEqual(await reserved(db, first.room_type_id, futureDate(20), 2), [fullNight, nextNight! + 1], 'a refused change moves nothing');
    });

    it('applies a form sent twice once, and refuses a change made over somebody else\'s', async () => {
      const { first } = await plans(db, 2);
      const reservation = await book(first.plan_id, futureDate(25), 1, 'modify-retry');
      const context = testBookingContext(db.database.db);
      const change = { checkin: futureDate(27), version: 1 };
      const [targetBefore] = await reserved(db, first.room_type_id, futureDate(27), 1);
      const results = await Promise.all([0, 1, 2].map(() => modifyReservation(context, reservation.code, change, desk(first.hotel_id))));
      assert.equal(results.filter((r) => r.changed).length, 1);
      assert.deepEqual(await reserved(db, first.room_type_id, futureDate(27), 1), [targetBefore! + 1], 'the rooms moved once');
      const { rows } = await sql<{ n: number }>`select count(*)::int as n from mail_messages where reference = ${reservation.code} and template = 'reservation-modification'`.execute(db.database.db);
      assert.equal(rows[0]!.n, 1, 'one mail for one change');
      const { rows: held } = await sql<{ n: number }>`
        select count(*)::int as n from reservation_nights n join reservations r on r.id = n.reservation_id where r.code = ${reservation.code}`.execute(db.database.db);
      assert.equal(held[0]!.n, 1);

      await rejectsWith(modifyReservation(context, reservation.code, { nights: 2, version: 1 }, desk(first.hotel_id)), 'RESERVATION_CHANGED');
      await rejectsWith(
        modifyReservation(context, reservation.code, { nights: 2, version: 2, expectedTotal: 1 }, desk(first.hotel_id)),
        'PRICE_CHANGED',
      );
    });

    it('refuses bad input with every field named, another hotel\'s plan or reservation, and a stay already checked in, changing nothing', async () => {
      const { first, elsewhere } = await plans(db, 3);
      const reservation = await book(first.plan_id, futureDate(30), 2, 'modify-bad');
      const context = testBookingContext(db.database.db);
      const snapshot = async () => [await reserved(db, first.room_type_id, futureDate(28), 6), (await sql`select * from reservations where code = ${reservation.code}`.execute(db.database.db)).rows];
      const initial = await snapshot();

      await rejectsWith(
        modifyReservation(context, reservation.code, { checkin: futureDate(-1), nights: 0, guests: 'many', version: 'x' }, desk(first.hotel_id)),
        'INVALID_MODIFICATION',
        ['checkin', 'guests', 'nights', 'version'],
      );
      await rejectsWith(modifyReservation(context, reservation.code, { planId: elsewhere.plan_id, version: 1 }, desk(first.hotel_id)), 'INVALID_MODIFICATION', ['planId']);
      await rejectsWith(modifyReservation(context, reservation.code, { planId: 99_999_999, version: 1 }, desk(first.hotel_id)), 'INVALID_MODIFICATION', ['planId']);
      await rejectsWith(modifyReservation(context, reservation.code, { nights: 3, version: 1 }, desk(elsewhere.hotel_id)), 'RESERVATION_NOT_FOUND');
      assert.deepEqual(await snapshot(), initial);

      await checkIn(context, reservation.code, { ...desk(first.hotel_id), today: futureDate(30) });
      await rejectsWith(modifyReservation(context, reservation.code, { nights: 3, version: 1 }, desk(first.hotel_id)), 'INVALID_STATUS_CHANGE');
    });

    it('lets an operator whose role may modify change any hotel\'s stay, and no other role', async () => {
      const { first } = await plans(db, 4);
      const reservation = await book(first.plan_id, futureDate(33), 1, 'modify-operator');
      const operator = (role: 'support' | 'editor'): StaffAction => ({ staff: { id: 3, name: 'Support', kind: 'operator', hotelId: null, role }, requestId: 'req-op' });
      await rejectsWith(modifyReservation(testBookingContext(db.database.db), reservation.code, { nights: 2, version: 1 }, operator('editor')), 'ROLE_REQUIRED');
      const { reservation: changed } = await modifyReservation(testBookingContext(db.database.db), reservation.code, { nights: 2, version: 1 }, operator('support'));
      assert.equal(changed.nights, 2);
    });

    it('never sells the last room twice among concurrent modifications and bookings', async () => {
      const { first } = await plans(db, 5);
      const from = futureDate(40);
      const into = futureDate(42);
      const moving = [];
      for (let i = 0; i < 10; i++) moving.push(await book(first.plan_id, from, 1, `modify-race-${i}`));
      await sql`update room_inventory set total = reserved + 1 where room_type_id = ${first.room_type_id} and stay_date = ${into}::date`.execute(db.database.db);
      const [fromBefore] = await reserved(db, first.room_type_id, from, 1);

      const outcomes = await Promise.allSettled([
        ...moving.map((r) => modifyReservation(testBookingContext(db.database.db), r.code, { checkin: into, version: 1 }, desk(first.hotel_id))),
        ...Array.from({ length: 10 }, (_, i) =>
          bookStay(testBookingContext(db.database.db), { planId: first.plan_id, checkin: into, nights: 1, guests: 1, rooms: 1, guest, acceptTerms: true }, { idempotencyKey: `race-book-${target.name}-${i}` }),
        ),
      ]);

      const won = outcomes.filter((o) => o.status === 'fulfilled');
      assert.equal(won.length, 1);
      for (const o of outcomes) if (o.status === 'rejected') assert.equal((o.reason as DomainError).code, 'SOLD_OUT');
      const { rows } = await sql<{ total: number; reserved: number }>`
        select total, reserved from room_inventory where room_type_id = ${first.room_type_id} and stay_date = ${into}::date`.execute(db.database.db);
      assert.equal(rows[0]!.reserved, rows[0]!.total, 'full, not over');
      const movedAway = outcomes.slice(0, 10).filter((o) => o.status === 'fulfilled').length;
      assert.deepEqual(await reserved(db, first.room_type_id, from, 1), [fromBefore! - movedAway], 'only a move that won gave its old night back');
    });
  });
}
