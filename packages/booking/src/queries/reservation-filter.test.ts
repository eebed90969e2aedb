import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { addDays } from '@hatago/platform/time';
import { createTestDatabase, futureDate, type TestDatabase, testBookingContext, testDatabaseTargets } from '@hatago/test-support';
import { RESERVATION_STATUSES, type ReservationStatus } from '../booking-tables.ts';
import { cancelReservation } from '../cancellation/cancel-reservation.ts';
import type { StaffAction } from '../front-desk/staff-action.ts';
import { checkIn, checkOut, markNoShow } from '../front-desk/stay-transitions.ts';
import { bookStay } from '../reservations/book-stay.ts';
import { parseReservationFilter } from './reservation-filter-input.ts';
import { searchReservations } from './reservation-queries.ts';

const guest = { name: '鈴木 一郎', nameLatin: 'Ichiro Suzuki', email: 'ichiro@example.com', phone: '090-5555-6666' };

describe('the reservation filter', () => {
  it('takes every status a stay can have', () => {
    assert.deepEqual([...RESERVATION_STATUSES], ['confirmed', 'checked_in', 'checked_out', 'no_show', 'cancelled']);
    for (const status of RESERVATION_STATUSES) {
      const parsed = parseReservationFilter({ status }, { pageSize: 20 });
      assert.equal(parsed.filter?.status, status);
    }
  });

  it('refuses a status no stay has, or one the list does not offer, as a field error', () => {
    for (const status of ['deleted', 'requested', 'CONFIRMED', 'checked in']) {
      assert.deepEqual(parseReservationFilter({ status }, { pageSize: 20 }).errors, [{ field: 'status', message: 'Choose a status from the list' }]);
    }
    const narrowed = { pageSize: 20, statuses: ['confirmed', 'cancelled'] as const };
    assert.deepEqual(parseReservationFilter({ status: 'no_show' }, narrowed).errors?.map((e) => e.field), ['status']);
    assert.equal(parseReservationFilter({ status: 'cancelled' }, narrowed).filter?.status, 'cancelled');
  });
});

for (const target of testDatabaseTargets()) {
  describe(`searching stays by status on ${target.name}`, () => {
    let db: TestDatabase;
    let hotelId: number;
    // far enough from today that the demo's own stays around today never share the date
    const arrival = futureDate(10);
    const byStatus = {} as Record<ReservationStatus, string>;

    before(async () => {
      db = await createTestDatabase(target, { seed: { hotelsPerArea: 1, restaurantsPerArea: 0, days: 40 } });
      const { rows } = await sql<{ plan_id: number; hotel_id: number }>`
        select rp.id as plan_id, rt.hotel_id from rate_plans rp join room_types rt on rt.id = rp.room_type_id order by rp.id limit 1`.execute(db.database.db);
      const plan = rows[0]!;
      hotelId = plan.hotel_id;
      const context = testBookingContext(db.database.db);
      const desk: StaffAction = { staff: { id: 5, name: 'Desk', kind: 'facility', hotelId, role: null }, requestId: 'req-filter', today: arrival };
      for (const status of RESERVATION_STATUSES) {
        const request = { planId: plan.plan_id, checkin: arrival, nights: 2, guests: 1, rooms: 1, guest, acceptTerms: true };
        byStatus[status] = (await bookStay(context, request, { idempotencyKey: `filter-${status}-${target.name}` })).reservation.code;
      }
      await checkIn(context, byStatus.checked_in, desk);
      await checkIn(context, byStatus.checked_out, desk);
      await checkOut(context, byStatus.checked_out, { ...desk, today: addDays(arrival, 2) });
      await markNoShow(context, byStatus.no_show, desk);
      await cancelReservation(context, byStatus.cancelled, { kind: 'guest', email: guest.email }, { today: futureDate(0) });
    });
    after(() => db.dispose());

    for (const status of RESERVATION_STATUSES) {
      it(`finds the ${status} stays and no other`, async () => {
        const parsed = parseReservationFilter({ status, from: arrival, to: arrival }, { hotelId, pageSize: 50 });
        assert.ok(parsed.filter);
        const found = await searchReservations(db.database.db, parsed.filter);
        assert.deepEqual(found.items.map((r) => [r.code, r.status]), [[byStatus[status], status]]);
        assert.equal(found.total, 1);
      });
    }
  });
}
