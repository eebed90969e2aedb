import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { createTestDatabase, futureDate, type TestDatabase, testDatabaseTargets } from '@hatago/test-support';
import { getHotelOffer } from '../offers/hotel-offers.ts';
import { quoteStay } from '../offers/stay-quote.ts';
import { searchHotels } from '../search/hotel-search.ts';
import { parseStay } from '../stay.ts';
import { roomSharesOf } from './party-pricing.ts';

describe('how a party fills its rooms', () => {
  it('spreads the guests as evenly as it goes, the rest one to a room', () => {
    assert.deepEqual(roomSharesOf({ guests: 3, rooms: 1 }), [{ guests: 3, rooms: 1 }]);
    assert.deepEqual(roomSharesOf({ guests: 4, rooms: 2 }), [{ guests: 2, rooms: 2 }]);
    assert.deepEqual(roomSharesOf({ guests: 5, rooms: 2 }), [{ guests: 3, rooms: 1 }, { guests: 2, rooms: 1 }]);
    assert.deepEqual(roomSharesOf({ guests: 7, rooms: 3 }), [{ guests: 3, rooms: 1 }, { guests: 2, rooms: 2 }]);
  });
});

for (const target of testDatabaseTargets()) {
  describe(`prices per number of guests on ${target.name}`, () => {
    let db: TestDatabase;
    let plan: { hotel_id: number; area_id: string; plan_id: number; capacity: number };
    const first = futureDate(20);
    const second = futureDate(21);
    const stayFor = (guests: number, rooms = 1) => parseStay({ checkin: first, nights: 2, guests, rooms });

    before(async () => {
      db = await createTestDatabase(target);
      const { rows } = await sql<typeof plan>`
        select rt.hotel_id, h.area_id, rp.id as plan_id, rt.capacity from room_types rt
        join hotels h on h.id = rt.hotel_id join rate_plans rp on rp.room_type_id = rt.id
        where rt.capacity >= 3 order by rt.hotel_id, rt.id, rp.id limit 1`.execute(db.database.db);
      plan = rows[0]!;
      // cheap enough to be the hotel's cheapest plan for any party; the second night keeps the single price
      await sql`update plan_prices set price = 1000, occupancy_prices = null
        where plan_id = ${plan.plan_id} and stay_date in (${first}::date, ${second}::date)`.execute(db.database.db);
      await sql`update plan_prices set occupancy_prices = '{500,NULL,2000}'
        where plan_id = ${plan.plan_id} and stay_date = ${first}::date`.execute(db.database.db);
    });
    after(() => db.dispose());

    const quote = (guests: number, rooms = 1) => quoteStay(db.database.db, plan.plan_id, stayFor(guests, rooms));

    it('quotes each night at the price for the party, else at the single price', async () => {
      const one = await quote(1);
      assert.deepEqual(one.nightly, [{ date: first, price: 500, total: 500 }, { date: second, price: 1000, total: 1000 }]);
      assert.equal(one.totalPrice, 1500);
      const two = await quote(2);
      assert.deepEqual(two.nightly.map((n) => n.total), [1000, 1000], 'no price for 2 guests: the single price');
      assert.equal(two.totalPrice, 2000);
      const three = await quote(3);
      assert.deepEqual(three.nightly.map((n) => n.total), [2000, 1000]);
      assert.equal(three.totalPrice, 3000);
    });

    it('prices each room of a party in several rooms by the guests it holds', async () => {
      const split = await quote(3, 2);
      assert.deepEqual(split.nightly, [{ date: first, price: 1000, total: 1500 }, { date: second, price: 1000, total: 2000 }], 'rooms of 2 and 1');
      assert.equal(split.totalPrice, 3500);
    });

    it('breaks the party price down as it charges it: consumption tax and per person from the party total', async () => {
      const three = await quote(3);
      assert.equal(three.breakdown.total, 3000);
      assert.equal(three.breakdown.consumptionTax, Math.floor((3000 * 10) / 110));
      assert.equal(three.breakdown.perPerson.total, 1000);
    });

    it('searches and shows the hotel page at the same price the quote charges the party', async () => {
      for (const [guests, rooms, expected] of [[1, 1, 1500], [2, 1, 2000], [3, 1, 3000], [3, 2, 3500]] as const) {
        const stay = stayFor(guests, rooms);
        const found = await searchHotels(db.database.db, { ...stay, area: plan.area_id, sort: 'price', page: 1, pageSize: 50 });
        const hotel = found.items.find((h) => h.id === plan.hotel_id);
        assert.equal(hotel?.minTotalPrice, expected, `search for ${guests} guests in ${rooms} rooms`);
        const offer = await getHotelOffer(db.database.db, plan.hotel_id, stay);
        const offered = offer.roomTypes.flatMap((rt) => rt.plans).find((p) => p.id === plan.plan_id);
        assert.equal(offered?.totalPrice, expected, `hotel page for ${guests} guests in ${rooms} rooms`);
      }
    });
  });
}
