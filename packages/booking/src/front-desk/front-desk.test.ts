import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { addDays } from '@hatago/platform/time';
import { createTestDatabase, futureDate, type TestDatabase, testBookingContext, testDatabaseTargets } from '@hatago/test-support';
import { cancelReservation } from '../cancellation/cancel-reservation.ts';
import { bookStay } from '../reservations/book-stay.ts';
import { frontDeskDay } from './front-desk-day.ts';
import { recentReservationActivity } from './recent-activity.ts';
import { checkIn, checkOut, markNoShow } from './stay-transitions.ts';

// The day the front desk looks at, far enough ahead that every stay below starts after the real today.
const DAY = futureDate(20);

for (const target of testDatabaseTargets()) {
  describe(`a hotel's front desk day and recent activity (${target.name})`, () => {
    let db: TestDatabase;
    let hotelId: number;
    let otherHotelId: number;
    const codes = new Map<string, string>();

    async function book(label: string, hotel: number, offset: number, nights: number, guests = 1): Promise<string> {
      const plan = (
        await sql<{ id: number }>`select rp.id from rate_plans rp join room_types rt on rt.id = rp.room_type_id where rt.hotel_id = ${hotel} order by rt.id, rp.id limit 1`.execute(db.database.db)
      ).rows[0]!;
      const guest = { name: `客 ${label}`, nameLatin: `Guest ${label}`, email: `${label}@example.com`, phone: '090-1111-2222' };
      const { reservation } = await bookStay(
        testBookingContext(db.database.db),
        { planId: plan.id, checkin: addDays(DAY, offset), nights, guests, rooms: 1, guest, acceptTerms: true },
        { idempotencyKey: `front-desk-${label}` },
      );
      codes.set(label, reservation.code);
      return reservation.code;
    }

    before(async () => {
      db = await createTestDatabase(target, { seed: { hotelsPerArea: 1, restaurantsPerArea: 0, days: 40 } });
      [hotelId, otherHotelId] = (await sql<{ id: number }>`select id from hotels order by id limit 2`.execute(db.database.db)).rows.map((r) => r.id) as [number, number];
      await book('arriving', hotelId, 0, 2, 2);
      await book('arriving-cancelled', hotelId, 0, 1);
      await book('leaving', hotelId, -3, 3);
      await book('leaving-longest', hotelId, -14, 14);
      await book('staying', hotelId, -1, 3, 2);
      await book('staying-longest', hotelId, -13, 14);
      await book('gone', hotelId, -5, 2);
      await book('tomorrow', hotelId, 1, 1);
      await book('elsewhere', otherHotelId, 0, 2);
      await cancelReservation(testBookingContext(db.database.db), codes.get('arriving-cancelled'), { kind: 'guest', email: 'arriving-cancelled@example.com' });
      // instants a minute apart in booking order, the cancellation last, so the order below is known
      let minute = 0;
      for (const code of codes.values()) {
        await sql`update reservations set created_at = ${new Date(Date.UTC(2026, 11, 1, 0, minute++))} where code = ${code}`.execute(db.database.db);
      }
      await sql`update reservations set cancelled_at = ${new Date(Date.UTC(2026, 11, 1, 1, 0))} where code = ${codes.get('arriving-cancelled')}`.execute(db.database.db);
    });
    after(() => db.dispose());

    const labelsOf = (stays: { code: string }[]) => stays.map((s) => [...codes].find(([, code]) => code === s.code)?.[0]);

    it('lists confirmed arrivals, departures and in-house stays of the day, its own hotel only', async () => {
      const day = await frontDeskDay(db.database.db, hotelId, DAY);
      assert.deepEqual(labelsOf(day.arrivals), ['arriving']);
      assert.deepEqual(labelsOf(day.departures), ['leaving-longest', 'leaving']);
      assert.deepEqual(labelsOf(day.inHouse), ['staying-longest', 'staying']);
      assert.deepEqual(day.arrivals[0], {
        code: codes.get('arriving'),
        status: 'confirmed',
        guestName: '客 arriving',
        guestNameLatin: 'Guest arriving',
        roomTypeName: 'Deluxe Twin',
        checkin: DAY,
        checkout: addDays(DAY, 2),
        nights: 2,
        guests: 2,
        rooms: 1,
      });
      assert.equal(day.inHouse[1]!.guests, 2);
      assert.deepEqual(labelsOf((await frontDeskDay(db.database.db, otherHotelId, DAY)).arrivals), ['elsewhere']);
    });

    it('moves with the injected day', async () => {
      const next = await frontDeskDay(db.database.db, hotelId, addDays(DAY, 1));
      assert.deepEqual(labelsOf(next.arrivals), ['tomorrow']);
      assert.deepEqual(labelsOf(next.departures), ['staying-longest']);
      assert.deepEqual(labelsOf(next.inHouse), ['staying', 'arriving']);
      assert.deepEqual(labelsOf((await frontDeskDay(db.database.db, hotelId, addDays(DAY, 2))).departures), ['staying', 'arriving', 'tomorrow']);
    });

    it('lists the latest bookings and cancellations, newest first, its own hotel only', async () => {
      const activity = await recentReservationActivity(db.database.db, hotelId);
      assert.deepEqual(
        activity.map((a) => [a.kind, [...codes].find(([, code]) => code === a.code)?.[0], a.at]),
        [
          ['cancelled', 'arriving-cancelled', '2026-12-01T01:00:00.000Z'],
          ['booked', 'tomorrow', '2026-12-01T00:07:00.000Z'],
          ['booked', 'gone', '2026-12-01T00:06:00.000Z'],
          ['booked', 'staying-longest', '2026-12-01T00:05:00.000Z'],
          ['booked', 'staying', '2026-12-01T00:04:00.000Z'],
          ['booked', 'leaving-longest', '2026-12-01T00:03:00.000Z'],
          ['booked', 'leaving', '2026-12-01T00:02:00.000Z'],
          ['booked', 'arriving-cancelled', '2026-12-01T00:01:00.000Z'],
          ['booked', 'arriving', '2026-12-01T00:00:00.000Z'],
        ],
      );
      assert.equal(activity[0]!.cancelledBy, 'guest');
      assert.equal(activity[1]!.cancelledBy, null);
      assert.deepEqual(activity[1]!.checkin, addDays(DAY, 1));
      assert.deepEqual((await recentReservationActivity(db.database.db, hotelId, 2)).map((a) => a.kind), ['cancelled', 'booked']);
      assert.deepEqual((await recentReservationActivity(db.database.db, otherHotelId)).map((a) => a.code), [codes.get('elsewhere')]);
    });

    it('reads the recent activity through the hotel indexes', async () => {
      // few rows make a sequential scan cheapest; forbidding it shows the planner can use an index
      await db.database.db.transaction().execute(async (trx) => {
        await sql`set local enable_seqscan = off`.execute(trx);
        const { rows } = await sql<{ 'QUERY PLAN': string }>`
          explain (select id from reservations where hotel_id = ${hotelId} and cancelled_at is not null order by cancelled_at desc limit 10)
        `.execute(trx);
        assert.match(rows.map((r) => r['QUERY PLAN']).join('\n'), /reservations_hotel_cancelled_idx/);
      });
    });

    // last: it books, and the activity above lists every booking
    it('shows each stay\'s front desk status, a departure done among the departures only, and no no-show', async () => {
      const context = testBookingContext(db.database.db);
      const desk = (today: string) => ({ staff: { id: 1, name: 'Desk', kind: 'facility' as const, hotelId, role: null }, requestId: 'r', today });
      const checkin = { code: await book('desk', hotelId, 5, 2) };
      const early = { code: await book('early', hotelId, 5, 2) };
      const absent = { code: await book('absent', hotelId, 5, 2) };
      await checkIn(context, checkin.code, desk(addDays(DAY, 5)));
      await checkIn(context, early.code, desk(addDays(DAY, 5)));
      await checkOut(context, early.code, desk(addDays(DAY, 6)));
      await markNoShow(context, absent.code, desk(addDays(DAY, 6)));
      const statuses = (stays: { code: string; status: string }[]) =>
        stays.filter((s) => [checkin.code, early.code, absent.code].includes(s.code)).map((s) => [s.code, s.status]);
      const during = await frontDeskDay(db.database.db, hotelId, addDays(DAY, 6));
      assert.deepEqual(statuses(during.inHouse), [[checkin.code, 'checked_in']]);
      const leaving = await frontDeskDay(db.database.db, hotelId, addDays(DAY, 7));
      assert.deepEqual(statuses(leaving.departures), [[checkin.code, 'checked_in'], [early.code, 'checked_out']], 'one left early: shown as done');
    });
  });
}
