import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { DomainError } from '@hatago/platform/errors';
import { addDays } from '@hatago/platform/time';
import { createTestDatabase, futureDate, RecordingChanges, type TestDatabase, testBookingContext, testDatabaseTargets } from '@hatago/test-support';
import { cancelReservation } from '../cancellation/cancel-reservation.ts';
import { bookStay } from '../reservations/book-stay.ts';
import type { StaffAction } from './staff-action.ts';
import { checkIn, checkOut, markNoShow } from './stay-transitions.ts';

const guest = { name: '佐藤 花子', nameLatin: 'Hanako Sato', email: 'hanako@example.com', phone: '090-3333-4444' };

const rejectsWith = (promise: Promise<unknown>, code: string) =>
  assert.rejects(promise, (error: unknown) => error instanceof DomainError && error.code === code);

for (const target of testDatabaseTargets()) {
  describe(`front desk steps on ${target.name}`, () => {
    let db: TestDatabase;
    let plan: { plan_id: number; room_type_id: number; hotel_id: number };
    before(async () => {
      db = await createTestDatabase(target);
      const { rows } = await sql<typeof plan>`
        select rp.id as plan_id, rp.room_type_id, rt.hotel_id from rate_plans rp join room_types rt on rt.id = rp.room_type_id order by rp.id limit 1`.execute(db.database.db);
      plan = rows[0]!;
    });
    after(() => db.dispose());

    const desk = (today: string): StaffAction => ({ staff: { id: 5, name: 'Desk', kind: 'facility', hotelId: plan.hotel_id, role: null }, requestId: 'req-1', today });
    const book = async (checkin: string, nights: number, key: string) =>
      (await bookStay(testBookingContext(db.database.db), { planId: plan.plan_id, checkin, nights, guests: 1, rooms: 1, guest, acceptTerms: true }, { idempotencyKey: `${key}-${target.name}` })).reservation;
    const reserved = async (from: string, nights: number) => {
      const { rows } = await sql<{ reserved: number }>`
        select reserved from room_inventory where room_type_id = ${plan.room_type_id} and stay_date >= ${from}::date and stay_date < ${from}::date + ${nights}::int
        order by stay_date`.execute(db.database.db);
      return rows.map((r) => r.reserved);
    };
    const audits = async (code: string) =>
      (await sql<{ action: string }>`select action from audit_log where target_id = ${code} order by id`.execute(db.database.db)).rows.map((r) => r.action);

    it('checks a guest in on the arrival date and out afterwards, audited, and a repeated step changes nothing', async () => {
      const arrival = futureDate(5);
      const r = await book(arrival, 2, 'in-out');
      const context = testBookingContext(db.database.db);

      await rejectsWith(checkIn(context, r.code, desk(addDays(arrival, -1))), 'BEFORE_ARRIVAL');
      await rejectsWith(checkOut(context, r.code, desk(arrival)), 'INVALID_STATUS_CHANGE');
      const inside = await checkIn(context, r.code, desk(arrival));
      assert.equal(inside.reservation.status, 'checked_in');
      assert.ok(inside.reservation.checkedInAt);
      assert.equal((await checkIn(context, r.code, desk(arrival))).changed, false);
      await rejectsWith(markNoShow(context, r.code, desk(arrival)), 'INVALID_STATUS_CHANGE');
      await rejectsWith(cancelReservation(context, r.code, { kind: 'guest', email: guest.email }), 'INVALID_STATUS_CHANGE');

      const out = await checkOut(context, r.code, desk(addDays(arrival, 2)));
      assert.equal(out.reservation.status, 'checked_out');
      await rejectsWith(checkIn(context, r.code, desk(arrival)), 'INVALID_STATUS_CHANGE');
      assert.deepEqual(await audits(r.code), ['reservation.check_in', 'reservation.check_out']);
    });

    it('refuses to check in once the stay has ended, and every step on a cancelled stay', async () => {
      const arrival = futureDate(8);
      const ended = await book(arrival, 1, 'ended');
      await rejectsWith(checkIn(testBookingContext(db.database.db), ended.code, desk(addDays(arrival, 1))), 'INVALID_STATUS_CHANGE');
      const cancelled = await book(arrival, 1, 'cancelled');
      await cancelReservation(testBookingContext(db.database.db), cancelled.code, { kind: 'guest', email: guest.email }, { today: futureDate(0) });
      for (const step of [checkIn, checkOut, markNoShow]) {
        await rejectsWith(step(testBookingContext(db.database.db), cancelled.code, desk(arrival)), 'INVALID_STATUS_CHANGE');
      }
      assert.deepEqual(await audits(cancelled.code), []);
    });

    it('marks a no-show once the arrival date began, charges the plan\'s fee and gives back the nights from today on', async () => {
      const arrival = futureDate(12);
      const r = await book(arrival, 3, 'no-show');
      assert.equal(r.noShowFeePercent, 100, 'plans charge the full stay unless the hotel lowers it');
      await sql`update reservations set no_show_fee_percent = 50 where code = ${r.code}`.execute(db.database.db);
      const held = await reserved(arrival, 3);
      const changes = new RecordingChanges();
      const context = testBookingContext(db.database.db, changes);

      await rejectsWith(markNoShow(context, r.code, desk(addDays(arrival, -1))), 'BEFORE_ARRIVAL');
      const { reservation } = await markNoShow(context, r.code, desk(addDays(arrival, 1)));
      assert.equal(reservation.status, 'no_show');
      assert.equal(reservation.noShowFee, Math.floor(r.totalPrice / 2));
      assert.deepEqual(await reserved(arrival, 3), [held[0]!, held[1]! - 1, held[2]! - 1], 'the night already past stays sold');
      assert.deepEqual(changes.published, [{ hotelId: plan.hotel_id, kind: 'booking' }]);

      assert.equal((await markNoShow(context, r.code, desk(addDays(arrival, 1)))).changed, false);
      assert.deepEqual(await reserved(arrival, 3), [held[0]!, held[1]! - 1, held[2]! - 1], 'given back once');
      assert.equal(changes.published.length, 1);
      const { rows } = await sql<{ detail: unknown }>`select detail from audit_log where target_id = ${r.code} and action = 'reservation.no_show'`.execute(db.database.db);
      const detail = typeof rows[0]!.detail === 'string' ? JSON.parse(rows[0]!.detail) : rows[0]!.detail;
      assert.deepEqual(detail, { before: { status: 'confirmed' }, after: { status: 'no_show' }, fee: Math.floor(r.totalPrice / 2), feePercent: 50, nightsReleased: 2 });
    });

    it('keeps another hotel\'s desk out', async () => {
      const r = await book(futureDate(15), 1, 'other-hotel');
      const other: StaffAction = { staff: { id: 6, name: 'Elsewhere', kind: 'facility', hotelId: plan.hotel_id + 1, role: null }, requestId: 'req-2', today: futureDate(15) };
      await rejectsWith(checkIn(testBookingContext(db.database.db), r.code, other), 'RESERVATION_NOT_FOUND');
    });
  });
}
