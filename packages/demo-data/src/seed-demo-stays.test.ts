import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { frontDeskDay, recentReservationActivity } from '@hatago/booking';
import { hotelOccupancy } from '@hatago/catalog';
import { addDays, tokyoToday } from '@hatago/platform/time';
import { createTestDatabase, type TestDatabase, testDatabaseTargets } from '@hatago/test-support';

describe('the demo front desk stays', () => {
  const pglite = testDatabaseTargets().find((t) => t.name === 'pglite');
  const today = tokyoToday();
  let db: TestDatabase;
  let hotelId: number;

  before(async () => {
    db = await createTestDatabase(pglite!, { seed: { hotelsPerArea: 1, restaurantsPerArea: 0, days: 15, today, frontDeskStays: true } });
    hotelId = (await sql<{ id: number }>`select min(id) as id from hotels`.execute(db.database.db)).rows[0]!.id;
  });
  after(() => db.dispose());

  it("give the first hotel's dashboard arrivals, a departure, guests in house and recent activity", async () => {
    const day = await frontDeskDay(db.database.db, hotelId, today);
    assert.deepEqual([day.arrivals.length, day.departures.length, day.inHouse.length], [2, 1, 2]);
    const activity = await recentReservationActivity(db.database.db, hotelId);
    assert.equal(activity.length, 8, 'seven bookings and one cancellation');
    assert.deepEqual(activity.slice(0, 2).map((a) => a.kind), ['cancelled', 'booked']);
    const [tonight] = await hotelOccupancy(db.database.db, hotelId, today, 1);
    assert.equal(tonight!.sold, 4, 'the two arrivals and the two in house');
    const others = await sql<{ n: number }>`select count(*)::int as n from reservations where hotel_id <> ${hotelId}`.execute(db.database.db);
    assert.equal(others.rows[0]!.n, 0);
  });

  it('take from the inventory exactly the nights of the confirmed stays, and price every night', async () => {
    const { rows } = await sql<{ stay_date: string; reserved: number; held: number }>`
      select ri.stay_date, ri.reserved, coalesce(sum(r.rooms) filter (where r.status = 'confirmed'), 0)::int as held
      from room_inventory ri join room_types rt on rt.id = ri.room_type_id
        left join reservation_nights rn on rn.stay_date = ri.stay_date
        left join reservations r on r.id = rn.reservation_id and r.room_type_id = ri.room_type_id
      where rt.hotel_id = ${hotelId} group by ri.room_type_id, ri.stay_date, ri.reserved
      having ri.reserved <> coalesce(sum(r.rooms) filter (where r.status = 'confirmed'), 0)`.execute(db.database.db);
    assert.deepEqual(rows, []);
    const nights = await sql<{ code: string; nights: number; priced: number; total_price: number; sum: number }>`
      select r.code, r.nights, count(rn.*)::int as priced, r.total_price, sum(rn.price)::int as sum
      from reservations r join reservation_nights rn on rn.reservation_id = r.id group by r.id`.execute(db.database.db);
    for (const r of nights.rows) assert.deepEqual([r.priced, r.sum], [r.nights, r.total_price], r.code);
    assert.equal((await frontDeskDay(db.database.db, hotelId, addDays(today, 6))).arrivals.length, 1);
  });
});
