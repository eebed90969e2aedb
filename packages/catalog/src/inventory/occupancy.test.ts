import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { addDays } from '@hatago/platform/time';
import { createTestDatabase, futureDate, type TestDatabase, testDatabaseTargets } from '@hatago/test-support';
import { hotelOccupancy } from './occupancy.ts';

for (const target of testDatabaseTargets()) {
  describe(`a hotel's occupancy by night (${target.name})`, () => {
    let db: TestDatabase;
    let hotelId: number;
    let otherHotelId: number;
    let roomTypes: number[];
    const day = futureDate(3);

    before(async () => {
      db = await createTestDatabase(target, { seed: { hotelsPerArea: 1, restaurantsPerArea: 0, days: 20 } });
      [hotelId, otherHotelId] = (await sql<{ id: number }>`select id from hotels order by id limit 2`.execute(db.database.db)).rows.map((r) => r.id) as [number, number];
      roomTypes = (await sql<{ id: number }>`select id from room_types where hotel_id = ${hotelId} order by id`.execute(db.database.db)).rows.map((r) => r.id);
      // every room type of the hotel: 3 rooms, 1 sold; then the first 5 rooms, 4 sold, and the second closed to sale
      await sql`update room_inventory set total = 3, reserved = 1, stop_sell = false where stay_date = ${day}::date and room_type_id in (select id from room_types where hotel_id = ${hotelId})`.execute(db.database.db);
      await sql`update room_inventory set total = 5, reserved = 4 where stay_date = ${day}::date and room_type_id = ${roomTypes[0]!}`.execute(db.database.db);
      await sql`update room_inventory set stop_sell = true where stay_date = ${day}::date and room_type_id = ${roomTypes[1]!}`.execute(db.database.db);
    });
    after(() => db.dispose());

    it('counts rooms sold, rooms in inventory and rooms on stop-sell for each of 30 nights', async () => {
      const nights = await hotelOccupancy(db.database.db, hotelId, futureDate(0));
      assert.equal(nights.length, 30);
      assert.deepEqual(nights.map((n) => n.date), Array.from({ length: 30 }, (_, i) => futureDate(i)));
      const others = roomTypes.length - 1;
      assert.deepEqual(nights[3], { date: day, sold: 4 + others, total: 5 + 3 * others, stopSold: 2 });
      assert.equal(nights[4]!.stopSold, 0);
      assert.equal(nights[4]!.sold, 0, 'the demo world sells nothing');
      assert.ok(nights[4]!.total > 0);
    });

    it("leaves other hotels' rooms out and counts a night without inventory as 0 of 0", async () => {
      const theirs = await hotelOccupancy(db.database.db, otherHotelId, day, 1);
      assert.deepEqual(theirs.map((n) => [n.date, n.sold]), [[day, 0]]);
      const beyond = await hotelOccupancy(db.database.db, hotelId, futureDate(15));
      assert.deepEqual(beyond.slice(5, 7), [
        { date: futureDate(20), sold: 0, total: 0, stopSold: 0 },
        { date: addDays(futureDate(20), 1), sold: 0, total: 0, stopSold: 0 },
      ]);
    });
  });
}
