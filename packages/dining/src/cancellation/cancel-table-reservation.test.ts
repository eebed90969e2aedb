import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { DomainError } from '@hatago/platform/errors';
import { createTestDatabase, type TestDatabase, testDatabaseTargets } from '@hatago/test-support';
import { bookTable } from '../reservations/book-table.ts';
import { findTableReservationForGuest } from '../reservations/find-table-reservation.ts';
import { addTestRestaurant, TEST_CLOCK, testDiningContext, testRestaurant } from '../testing/test-restaurant.ts';
import { cancelTableReservation } from './cancel-table-reservation.ts';
import { tableCancellationTerms } from './table-cancellation-policy.ts';

const guest = { name: 'Taro', email: 'taro@example.com', phone: '090-1111-2222' };
const FRIDAY = '2027-03-05'; // the 18:00 seating starts at 09:00 UTC
const hoursBefore = (hours: number) => new Date(Date.parse('2027-03-05T09:00:00Z') - hours * 3_600_000);

async function reserved(db: TestDatabase, restaurantId: number) {
  const { rows } = await sql<{ reserved: number }>`
    select coalesce(sum(s.reserved), 0)::int as reserved from seating_stock s join restaurant_seatings rs on rs.id = s.seating_id
    where rs.restaurant_id = ${restaurantId} and s.service_date = ${FRIDAY}::date`.execute(db.database.db);
  return rows[0]!.reserved;
}

for (const target of testDatabaseTargets()) {
  describe(`table cancellation on ${target.name}`, () => {
    let db: TestDatabase;
    let n = 0;
    before(async () => {
      db = await createTestDatabase(target, { seed: false });
    });
    after(() => db.dispose());

    const book = async (spec = testRestaurant()) => {
      const { id, courseIds } = await addTestRestaurant(db.database.db, spec);
      const request = { restaurantId: id, courseId: courseIds[0], date: FRIDAY, time: '18:00', party: 2, guest };
      const { reservation } = await bookTable(testDiningContext(db.database.db), request, { idempotencyKey: `cancel-${target.name}-${++n}`, clock: TEST_CLOCK });
      return reservation;
    };

    it('charges the fee in force by hours before the seating: free, then 50%, then 100%', async () => {
      const reservation = await book();
      assert.equal(reservation.totalPrice, 60000);
      assert.deepEqual([72, 48.5, 47, 24.5, 23, 0.1].map((h) => tableCancellationTerms(reservation, hoursBefore(h)).fee), [0, 0, 30000, 30000, 60000, 60000]);
      assert.deepEqual(tableCancellationTerms(reservation, hoursBefore(0)), { fee: 60000, refund: 0, allowed: false, reason: 'SEATING_STARTED' });
      assert.equal(tableCancellationTerms({ ...reservation, status: 'requested' }, hoursBefore(1)).fee, 0, 'a request not yet accepted is withdrawn free');
    });

    it('gives the seats back once, mails the guest and publishes, and a second cancel changes nothing', async () => {
      const reservation = await book();
      assert.equal(await reserved(db, reservation.restaurantId), 2);
      const context = testDiningContext(db.database.db);
      const by = { kind: 'guest', email: ' TARO@example.com ' } as const;
      const { reservation: cancelled } = await cancelTableReservation(context, reservation.code.toLowerCase(), by, { now: hoursBefore(30) });
      assert.deepEqual([cancelled.status, cancelled.cancelFee, cancelled.cancelledBy], ['cancelled', 30000, 'guest']);
      assert.equal(await reserved(db, reservation.restaurantId), 0);
      const again = await cancelTableReservation(context, reservation.code, by, { now: hoursBefore(29) });
      assert.equal(again.alreadyCancelled, true);
      assert.equal(await reserved(db, reservation.restaurantId), 0, 'nothing is given back twice');
      assert.deepEqual(context.published, [{ restaurantId: reservation.restaurantId, kind: 'booking' }]);
      const { rows } = await sql<{ template: string }>`select template from mail_messages where reference = ${reservation.code} order by id`.execute(db.database.db);
      assert.deepEqual(rows.map((r) => r.template), ['table-reservation-confirmation', 'table-reservation-cancellation']);
      const found = await findTableReservationForGuest(db.database.db, reservation.code.replace('RS', 'rs-'), guest.email.toUpperCase());
      assert.equal(found.status, 'cancelled');
      await assert.rejects(findTableReservationForGuest(db.database.db, reservation.code, 'other@example.com'), (error: unknown) => error instanceof DomainError && error.code === 'TABLE_RESERVATION_NOT_FOUND');
    });

    it('refuses a guest once the seating started and a stranger always; an operator may cancel and waive the fee', async () => {
      const reservation = await book(testRestaurant({ bookingMode: 'request' }));
      const context = testDiningContext(db.database.db);
      const isCode = (code: string) => (error: unknown) => error instanceof DomainError && error.code === code;
      await assert.rejects(cancelTableReservation(context, reservation.code, { kind: 'guest', email: 'other@example.com' }, { now: hoursBefore(5) }), isCode('TABLE_RESERVATION_NOT_FOUND'));
      await assert.rejects(cancelTableReservation(context, 'HT7F3K9Q2MXA', { kind: 'operator', waiveFee: false }), isCode('TABLE_RESERVATION_NOT_FOUND'));
      await assert.rejects(cancelTableReservation(context, reservation.code, { kind: 'guest', email: guest.email }, { now: hoursBefore(-1) }), isCode('SEATING_STARTED'));
      assert.equal(await reserved(db, reservation.restaurantId), 2);
      const { reservation: cancelled } = await cancelTableReservation(context, reservation.code, { kind: 'operator', waiveFee: true }, { now: hoursBefore(-1) });
      assert.deepEqual([cancelled.status, cancelled.cancelFee, cancelled.cancelledBy], ['cancelled', 0, 'operator']);
      assert.equal(await reserved(db, reservation.restaurantId), 0);
    });
  });
}
