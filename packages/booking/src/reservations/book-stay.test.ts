import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { DomainError } from '@hatago/platform/errors';
import { createTestDatabase, futureDate, type TestDatabase, testDatabaseTargets, testBookingContext } from '@hatago/test-support';
import { cancelReservation } from '../cancellation/cancel-reservation.ts';
import { bookStay, type BookingRequest } from './book-stay.ts';

const guest = { name: '山田 太郎', nameLatin: 'Taro Yamada', email: 'taro@example.com', phone: '090-1111-2222' };

async function firstPlan(db: TestDatabase, offset = 0) {
  const { rows } = await sql<{ plan_id: number; room_type_id: number }>`
    select rp.id as plan_id, rp.room_type_id from rate_plans rp order by rp.id offset ${offset} limit 1
  `.execute(db.database.db);
  return rows[0]!;
}

async function inventory(db: TestDatabase, roomTypeId: number, from: string, nights: number) {
  const { rows } = await sql<{ stay_date: string; total: number; reserved: number }>`
    select stay_date, total, reserved from room_inventory
    where room_type_id = ${roomTypeId} and stay_date >= ${from}::date and stay_date < ${from}::date + ${nights}::int
    order by stay_date
  `.execute(db.database.db);
  return rows;
}

async function count(db: TestDatabase, table: 'reservations' | 'mail_messages' | 'booking_idempotency') {
  const { rows } = await sql<{ n: number }>`select count(*)::int as n from ${sql.table(table)}`.execute(db.database.db);
  return rows[0]!.n;
}

const rejectsWith = async (promise: Promise<unknown>, code: string) =>
  assert.rejects(promise, (error: unknown) => error instanceof DomainError && error.code === code);

for (const target of testDatabaseTargets()) {
  describe(`booking on ${target.name}`, () => {
    let db: TestDatabase;
    before(async () => {
      db = await createTestDatabase(target);
    });
    after(() => db.dispose());

    it('sells the last 3 rooms exactly once among 100 concurrent requests', async () => {
      const { plan_id, room_type_id } = await firstPlan(db);
      const checkin = futureDate(10);
      await sql`update room_inventory set total = reserved + 3
                where room_type_id = ${room_type_id} and stay_date in (${checkin}::date, ${checkin}::date + 1)`.execute(db.database.db);
      const before = await count(db, 'reservations');

      const outcomes = await Promise.allSettled(
        Array.from({ length: 100 }, (_, i) =>
          bookStay(testBookingContext(db.database.db),
            { planId: plan_id, checkin, nights: 2, guests: 1, rooms: 1, acceptTerms: true, guest: { ...guest, email: `g${i}@example.com` } },
            { idempotencyKey: `concurrent-${target.name}-${i}` },
          ),
        ),
      );

      const won = outcomes.filter((o) => o.status === 'fulfilled');
      const lost = outcomes.filter((o): o is PromiseRejectedResult => o.status === 'rejected');
      assert.equal(won.length, 3);
      assert.equal(lost.length, 97);
      for (const failure of lost) assert.equal((failure.reason as DomainError).code, 'SOLD_OUT');
      for (const night of await inventory(db, room_type_id, checkin, 2)) {
        assert.equal(night.reserved, night.total, `night ${night.stay_date} is full, not over`);
      }
      assert.equal((await count(db, 'reservations')) - before, 3);
    });

    it('books in six statements between BEGIN and COMMIT, each night and both mails included', async () => {
      const { plan_id } = await firstPlan(db, 2);
      const statements: string[] = [];
      const counted = db.database.db.withPlugin({
        transformQuery: ({ node }) => (statements.push(node.kind), node),
        transformResult: async ({ result }) => result,
      });
      const request: BookingRequest = { planId: plan_id, checkin: futureDate(40), nights: 3, guests: 2, rooms: 2, guest, acceptTerms: true };
      const { reservation } = await bookStay(testBookingContext(counted), request, { idempotencyKey: `statements-${target.name}` });
      // claim, quote, rooms, the reservation, its nights, both mails: every round trip holds the rooms' locks
      assert.equal(statements.length, 6, statements.join(', '));
      const { rows: nights } = await sql<{ price: number }>`
        select n.price from reservation_nights n join reservations r on r.id = n.reservation_id where r.code = ${reservation.code} order by n.stay_date`.execute(db.database.db);
      assert.equal(nights.length, 3);
      assert.equal(nights.reduce((sum, n) => sum + n.price, 0), reservation.totalPrice, 'the nights, for both rooms, add up to the total');
      const { rows: mails } = await sql<{ category: string }>`select category from mail_messages where reference = ${reservation.code} order by category`.execute(db.database.db);
      assert.deepEqual(mails.map((m) => m.category), ['facility', 'reservation']);
    });

    it('fails a 3-night booking whole when one night is sold out, and cancelling returns every night', async () => {
      const { plan_id, room_type_id } = await firstPlan(db, 1);
      const checkin = futureDate(20);
      await sql`update room_inventory set total = reserved
                where room_type_id = ${room_type_id} and stay_date = ${checkin}::date + 1`.execute(db.database.db);
      const beforeNights = await inventory(db, room_type_id, checkin, 3);
      const request: BookingRequest = { planId: plan_id, checkin, nights: 3, guests: 1, rooms: 1, guest, acceptTerms: true };

      await rejectsWith(bookStay(testBookingContext(db.database.db), request, { idempotencyKey: `partial-${target.name}` }), 'SOLD_OUT');
      assert.deepEqual(await inventory(db, room_type_id, checkin, 3), beforeNights);

      await sql`update room_inventory set total = total + 1
                where room_type_id = ${room_type_id} and stay_date = ${checkin}::date + 1`.execute(db.database.db);
      const reopened = await inventory(db, room_type_id, checkin, 3);
      const { reservation } = await bookStay(testBookingContext(db.database.db), request, { idempotencyKey: `partial-${target.name}-2` });
      const booked = await inventory(db, room_type_id, checkin, 3);
      booked.forEach((night, i) => assert.equal(night.reserved, reopened[i]!.reserved + 1));

      const cancelled = await cancelReservation(testBookingContext(db.database.db), reservation.code, { kind: 'guest', email: guest.email });
      assert.equal(cancelled.reservation.status, 'cancelled');
      assert.deepEqual(await inventory(db, room_type_id, checkin, 3), reopened);

      const again = await cancelReservation(testBookingContext(db.database.db), reservation.code, { kind: 'guest', email: guest.email });
      assert.equal(again.alreadyCancelled, true);
      assert.deepEqual(await inventory(db, room_type_id, checkin, 3), reopened, 'a second cancel returns nothing twice');
    });

    it('publishes the rooms a booking takes and a cancellation gives back, after commit and only when something changed', async () => {
      const { plan_id, room_type_id } = await firstPlan(db, 1);
      const checkin = futureDate(20);
      const request: BookingRequest = { planId: plan_id, checkin, nights: 1, guests: 1, rooms: 1, guest, acceptTerms: true };
      const published: Array<{ change: unknown; committed: boolean }> = [];
      const booking = {
        db: db.database.db,
        changes: {
          publish: async (change: unknown) => {
            // what a reader refilling the cache on this news would see: the committed rows only
            const { rows } = await sql<{ n: number }>`select count(*)::int as n from reservations where checkin = ${checkin}::date and email = ${guest.email}
                                                       and room_type_id = ${room_type_id}`.execute(db.database.db);
            published.push({ change, committed: rows[0]!.n > 0 });
          },
        },
      };

      const { reservation } = await bookStay(booking, request, { idempotencyKey: `publish-${target.name}` });
      const change = { hotelId: reservation.hotelId, kind: 'booking' };
      assert.deepEqual(published, [{ change, committed: true }]);

      await bookStay(booking, request, { idempotencyKey: `publish-${target.name}` });
      assert.equal(published.length, 1, 'a replay changed nothing and publishes nothing');

      await sql`update room_inventory set total = reserved where room_type_id = ${room_type_id} and stay_date = ${checkin}::date`.execute(db.database.db);
      await rejectsWith(bookStay(booking, request, { idempotencyKey: `publish-${target.name}-sold-out` }), 'SOLD_OUT');
      assert.equal(published.length, 1, 'a booking that failed publishes nothing');

      await cancelReservation(booking, reservation.code, { kind: 'guest', email: guest.email });
      await cancelReservation(booking, reservation.code, { kind: 'guest', email: guest.email });
      assert.deepEqual(published.map((p) => p.change), [change, change], 'the second cancel changed nothing and publishes nothing');
    });

    it('makes one reservation per idempotency key, also when the key arrives concurrently', async () => {
      const { plan_id } = await firstPlan(db, 2);
      const request: BookingRequest = { planId: plan_id, checkin: futureDate(30), nights: 1, guests: 2, rooms: 1, guest, acceptTerms: true };
      const before = await count(db, 'reservations');
      const key = `same-key-${target.name}`;

      const first = await bookStay(testBookingContext(db.database.db), request, { idempotencyKey: key });
      const second = await bookStay(testBookingContext(db.database.db), request, { idempotencyKey: key });
      assert.equal(second.reservation.code, first.reservation.code);
      assert.equal(second.replayed, true);

      const concurrentKey = `${key}-concurrent`;
      const racing = await Promise.all(
        Array.from({ length: 10 }, () => bookStay(testBookingContext(db.database.db), request, { idempotencyKey: concurrentKey })),
      );
      assert.equal(new Set(racing.map((r) => r.reservation.code)).size, 1);
      assert.equal(racing.filter((r) => !r.replayed).length, 1);
      assert.equal((await count(db, 'reservations')) - before, 2);

      await rejectsWith(
        bookStay(testBookingContext(db.database.db), { ...request, nights: 2 }, { idempotencyKey: key }),
        'IDEMPOTENCY_KEY_REUSED',
      );
      assert.equal((await count(db, 'reservations')) - before, 2);
    });

    it("commits the guest's confirmation and the hotel's notice with the reservation, and none when booking fails", async () => {
      const { plan_id, room_type_id } = await firstPlan(db, 3);
      const checkin = futureDate(40);
      const mailsBefore = await count(db, 'mail_messages');
      const { reservation } = await bookStay(testBookingContext(db.database.db),
        { planId: plan_id, checkin, nights: 1, guests: 1, rooms: 1, guest, acceptTerms: true },
        { idempotencyKey: `mail-${target.name}` },
      );
      const { rows } = await sql<{ template: string; recipient: string }>`
        select template, recipient from mail_messages where reference = ${reservation.code} order by id`.execute(db.database.db);
      const { rows: hotel } = await sql<{ contact_email: string }>`select contact_email from hotels where id = ${reservation.hotelId}`.execute(db.database.db);
      assert.deepEqual(rows, [
        { template: 'reservation-confirmation', recipient: guest.email },
        { template: 'facility-new-reservation', recipient: hotel[0]!.contact_email },
      ]);

      await sql`update room_inventory set stop_sell = true where room_type_id = ${room_type_id} and stay_date = ${checkin}::date`.execute(
        db.database.db,
      );
      await rejectsWith(
        bookStay(testBookingContext(db.database.db), { planId: plan_id, checkin, nights: 1, guests: 1, rooms: 1, guest, acceptTerms: true }, { idempotencyKey: `mail-${target.name}-2` }),
        'SOLD_OUT',
      );
      assert.equal(await count(db, 'mail_messages'), mailsBefore + 2);
    });

    it('books nothing when the price changed from the total the guest agreed to', async () => {
      const { plan_id } = await firstPlan(db, 4);
      const checkin = futureDate(50);
      const request = { planId: plan_id, checkin, nights: 1, guests: 1, rooms: 1, guest, acceptTerms: true };
      const { rows } = await sql<{ price: number }>`
        select price from plan_prices where plan_id = ${plan_id} and stay_date = ${checkin}::date`.execute(db.database.db);
      const shown = rows[0]!.price;
      const counts = [await count(db, 'reservations'), await count(db, 'booking_idempotency'), await count(db, 'mail_messages')];
      await rejectsWith(bookStay(testBookingContext(db.database.db), request, { idempotencyKey: `price-${target.name}`, expectedTotal: shown - 1 }), 'PRICE_CHANGED');
      assert.deepEqual([await count(db, 'reservations'), await count(db, 'booking_idempotency'), await count(db, 'mail_messages')], counts);
      const { reservation } = await bookStay(testBookingContext(db.database.db), request, { idempotencyKey: `price-${target.name}`, expectedTotal: shown });
      assert.equal(reservation.totalPrice, shown, 'the same key books once the guest agrees to the actual total');
    });

    it('charges the tax-inclusive total and records the accommodation tax the hotel collects apart from it', async () => {
      const { rows } = await sql<{ plan_id: number; hotel_id: number }>`
        select rp.id as plan_id, h.id as hotel_id from rate_plans rp
        join room_types rt on rt.id = rp.room_type_id join hotels h on h.id = rt.hotel_id
        where h.area_id = 'kyoto' and rt.capacity >= 2 and rp.active and rp.sale_start is null and rp.sale_end is null
        order by rp.id limit 1`.execute(db.database.db);
      const { plan_id, hotel_id } = rows[0]!;
      const checkin = futureDate(40);
      await sql`update hotels set service_charge_percent = 15 where id = ${hotel_id}`.execute(db.database.db);
      // ¥55,000 a room: ¥25,000 each for two before consumption tax, Kyoto's ¥1,000 band
      await sql`update plan_prices set price = 55000
                where plan_id = ${plan_id} and stay_date in (${checkin}::date, ${checkin}::date + 1)`.execute(db.database.db);

      const { reservation } = await bookStay(
        testBookingContext(db.database.db),
        { planId: plan_id, checkin, nights: 2, guests: 2, rooms: 1, guest, acceptTerms: true },
        { idempotencyKey: `accommodation-tax-${target.name}`, expectedTotal: 110_000 },
      );
      assert.equal(reservation.totalPrice, 110_000);
      assert.equal(reservation.accommodationTax, 2 * 2 * 1_000);
    });

    it('rejects bad input with field errors and writes nothing', async () => {
      const { plan_id } = await firstPlan(db);
      const counts = [await count(db, 'reservations'), await count(db, 'booking_idempotency'), await count(db, 'mail_messages')];
      const cases: Array<[BookingRequest, string[]]> = [
        [{ planId: plan_id, checkin: '2020-01-01', nights: 1, guests: 1, rooms: 1, guest, acceptTerms: true }, ['checkin']],
        [{ planId: plan_id, checkin: futureDate(5), nights: 0, guests: 1, rooms: 1, guest, acceptTerms: true }, ['nights']],
        [{ planId: plan_id, checkin: futureDate(5), nights: 99, guests: 9, rooms: 1, guest, acceptTerms: true }, ['nights', 'guests']],
        [{ planId: plan_id, checkin: '2026-02-30', nights: 1, guests: 1, rooms: 1, guest, acceptTerms: true }, ['checkin']],
        [
          { planId: plan_id, checkin: futureDate(5), nights: 1, guests: 1, rooms: 1, acceptTerms: true, guest: { ...guest, name: '<script>alert(1)</script>' } },
          ['guest.name'],
        ],
        [{ planId: 'x', checkin: futureDate(5), nights: 1, guests: 1, rooms: 1, acceptTerms: true, guest: { ...guest, email: 'nope' } }, ['planId', 'guest.email']],
      ];
      for (const [i, [request, fields]] of cases.entries()) {
        await assert.rejects(
          bookStay(testBookingContext(db.database.db), request, { idempotencyKey: `bad-input-${target.name}-${i}` }),
          (error: unknown) =>
            error instanceof DomainError && error.kind === 'invalid' && fields.every((f) => error.fields.some((e) => e.field === f)),
        );
      }
      await rejectsWith(
        bookStay(testBookingContext(db.database.db), { planId: 999999, checkin: futureDate(5), nights: 1, guests: 1, rooms: 1, guest, acceptTerms: true }, { idempotencyKey: `unknown-${target.name}` }),
        'PLAN_NOT_FOUND',
      );
      assert.deepEqual(
        [await count(db, 'reservations'), await count(db, 'booking_idempotency'), await count(db, 'mail_messages')],
        counts,
      );
    });
  });
}
