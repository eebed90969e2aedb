import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { DomainError } from '@hatago/platform/errors';
import { createTestDatabase, futureDate, type TestDatabase, testBookingContext, testDatabaseTargets } from '@hatago/test-support';
import type { StaffAction } from '../front-desk/staff-action.ts';
import { bookStay } from './book-stay.ts';
import { modifyReservation } from './modify-reservation.ts';

const guest = { name: '山田 太郎', nameLatin: 'Taro Yamada', email: 'taro@example.com', phone: '090-1111-2222' };

const rejectsWith = (promise: Promise<unknown>, code: string) =>
  assert.rejects(promise, (error: unknown) => error instanceof DomainError && error.code === code);

for (const target of testDatabaseTargets()) {
  describe(`stay restrictions in booking on ${target.name}`, () => {
    let db: TestDatabase;
    let plan: { plan_id: number; room_type_id: number; hotel_id: number };
    before(async () => {
      db = await createTestDatabase(target);
      const { rows } = await sql<typeof plan>`
        select rp.id as plan_id, rp.room_type_id, rt.hotel_id from rate_plans rp join room_types rt on rt.id = rp.room_type_id order by rp.id limit 1`.execute(db.database.db);
      plan = rows[0]!;
    });
    after(() => db.dispose());

    const restrict = (date: string, set: 'min_stay = 3' | 'closed_to_arrival = true' | 'closed_to_departure = true') =>
      sql`update room_inventory set ${sql.raw(set)} where room_type_id = ${plan.room_type_id} and stay_date = ${date}::date`.execute(db.database.db);
    const reservedOn = async (date: string) =>
      (await sql<{ reserved: number }>`select reserved from room_inventory where room_type_id = ${plan.room_type_id} and stay_date = ${date}::date`.execute(db.database.db)).rows[0]!.reserved;
    const book = (checkin: string, nights: number, key: string) =>
      bookStay(testBookingContext(db.database.db), { planId: plan.plan_id, checkin, nights, guests: 1, rooms: 1, guest, acceptTerms: true }, { idempotencyKey: `${key}-${target.name}` });

    it('refuses a stay shorter than the arrival date\'s minimum stay, and takes one as long', async () => {
      await restrict(futureDate(20), 'min_stay = 3');
      const before = await reservedOn(futureDate(20));
      await rejectsWith(book(futureDate(20), 2, 'min-stay-short'), 'MIN_STAY');
      assert.equal(await reservedOn(futureDate(20)), before, 'nothing was held');
      await book(futureDate(19), 2, 'min-stay-through'); // arriving the day before: the restriction is the arrival date's
      await book(futureDate(20), 3, 'min-stay-long');
      assert.equal(await reservedOn(futureDate(20)), before + 2);
    });

    it('refuses an arrival on a date closed to arrival and a departure on one closed to departure', async () => {
      await restrict(futureDate(30), 'closed_to_arrival = true');
      await rejectsWith(book(futureDate(30), 1, 'cta'), 'CLOSED_TO_ARRIVAL');
      await book(futureDate(29), 2, 'cta-staying-through');

      await restrict(futureDate(40), 'closed_to_departure = true');
      await rejectsWith(book(futureDate(38), 2, 'ctd'), 'CLOSED_TO_DEPARTURE');
      await book(futureDate(38), 3, 'ctd-leaving-after');
      await book(futureDate(40), 1, 'ctd-arriving');
    });

    it('refuses a change of a stay that breaks a restriction, and keeps the stay as it was', async () => {
      const { reservation } = await book(futureDate(50), 1, 'modify-before');
      const held = await reservedOn(futureDate(50));
      await restrict(futureDate(52), 'closed_to_arrival = true');
      const desk: StaffAction = { staff: { id: 7, name: 'Front desk', kind: 'facility', hotelId: plan.hotel_id, role: null }, requestId: 'req-r' };
      const change = { planId: plan.plan_id, checkin: futureDate(52), nights: 1, guests: 1, rooms: 1, version: reservation.version };
      await rejectsWith(modifyReservation(testBookingContext(db.database.db), reservation.code, change, desk), 'CLOSED_TO_ARRIVAL');
      assert.equal(await reservedOn(futureDate(50)), held);
    });
  });
}
