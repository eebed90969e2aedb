import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { quoteStay } from '@hatago/catalog';
import { addDays, tokyoToday } from '@hatago/platform/time';
import { createTestDatabase, type TestDatabase, testDatabaseTargets } from '@hatago/test-support';

describe('the demo prices per number of guests', () => {
  const pglite = testDatabaseTargets().find((t) => t.name === 'pglite');
  const today = tokyoToday();
  let db: TestDatabase;

  before(async () => {
    db = await createTestDatabase(pglite!, { seed: { hotelsPerArea: 1, restaurantsPerArea: 0, days: 5, today, occupancyPrices: true } });
  });
  after(() => db.dispose());

  it("price the first hotel's rooms for three or more per guest count, the single price being the price for two", async () => {
    const { rows } = await sql<{ hotel_id: number; plan_id: number; capacity: number; price: number; occupancy_prices: Array<number | null> | null }>`
      select rt.hotel_id, rp.id as plan_id, rt.capacity, pp.price, pp.occupancy_prices
      from plan_prices pp join rate_plans rp on rp.id = pp.plan_id join room_types rt on rt.id = rp.room_type_id
      where pp.stay_date = ${today}::date order by rt.hotel_id, rp.id`.execute(db.database.db);
    const first = rows[0]!.hotel_id;
    const priced = rows.filter((r) => r.occupancy_prices !== null);
    assert.ok(priced.length > 0, 'some plan shows it');
    for (const r of rows) assert.equal(r.occupancy_prices !== null, r.hotel_id === first && r.capacity >= 3, `plan ${r.plan_id}`);
    for (const r of priced) {
      assert.equal(r.occupancy_prices!.length, r.capacity, 'a price for every count the room holds');
      assert.equal(r.occupancy_prices![1], r.price);
      assert.ok(r.occupancy_prices![0]! < r.price && r.occupancy_prices![2]! > r.price);
    }
    const stay = (guests: number) => ({ checkin: addDays(today, 1), nights: 1, guests, rooms: 1 });
    const quoted = await Promise.all([1, 2, 3].map((g) => quoteStay(db.database.db, priced[0]!.plan_id, stay(g))));
    assert.ok(quoted[0]!.totalPrice < quoted[1]!.totalPrice && quoted[1]!.totalPrice < quoted[2]!.totalPrice);
  });
});
