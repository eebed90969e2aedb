import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { createTestDatabase, futureDate, type TestDatabase, testDatabaseTargets } from '@hatago/test-support';
import { getAvailabilityCalendar, getHotelOffer } from '../offers/hotel-offers.ts';
import { parseStay } from '../stay.ts';
import { searchHotels } from './hotel-search.ts';

for (const target of testDatabaseTargets()) {
  describe(`hotel search on ${target.name}`, () => {
    let db: TestDatabase;
    before(async () => {
      db = await createTestDatabase(target);
    });
    after(() => db.dispose());

    const search = (overrides: Partial<Parameters<typeof searchHotels>[1]> = {}) =>
      searchHotels(db.database.db, {
        ...parseStay({ checkin: futureDate(14), nights: 2, guests: 2, rooms: 1 }),
        sort: 'price',
        page: 1,
        pageSize: 50,
        ...overrides,
      });

    it('drops a hotel as soon as one night of the stay has no room of any fitting type', async () => {
      const all = await search({ area: 'osaka' });
      assert.equal(all.total, 2);
      const victim = all.items[0]!;
      const secondNight = futureDate(15);
      await sql`update room_inventory ri set total = ri.reserved from room_types rt
                where rt.id = ri.room_type_id and rt.hotel_id = ${victim.id} and ri.stay_date = ${secondNight}::date`.execute(
        db.database.db,
      );
      const after = await search({ area: 'osaka' });
      assert.deepEqual(after.items.map((h) => h.id), all.items.slice(1).map((h) => h.id));
      const oneNight = await search({ area: 'osaka', nights: 1 });
      assert.ok(oneNight.items.some((h) => h.id === victim.id), 'the first night alone is still bookable');
    });

    it('treats stop-sell like sold out and respects room capacity for the party', async () => {
      const [hotel] = (await search({ area: 'kyoto' })).items;
      await sql`update room_inventory ri set stop_sell = true from room_types rt
                where rt.id = ri.room_type_id and rt.hotel_id = ${hotel!.id} and ri.stay_date = ${futureDate(14)}::date`.execute(
        db.database.db,
      );
      assert.ok(!(await search({ area: 'kyoto' })).items.some((h) => h.id === hotel!.id));

      const { rows } = await sql<{ max: number }>`select max(capacity)::int as max from room_types`.execute(db.database.db);
      const tooMany = await search({ guests: rows[0]!.max + 1, rooms: 1 });
      assert.equal(tooMany.total, 0, 'no single room holds more guests than its capacity');
      const twoRooms = await search({ guests: rows[0]!.max + 1, rooms: 2 });
      assert.ok(twoRooms.total > 0);
    });

    it('prices the stay as the sum of nightly prices times rooms, and the minimum over plans', async () => {
      const stay = parseStay({ checkin: futureDate(20), nights: 3, guests: 2, rooms: 2 });
      const { items } = await search({ ...stay, area: 'tokyo' });
      for (const item of items) {
        const offer = await getHotelOffer(db.database.db, item.id, stay);
        const totals = offer.roomTypes
          .filter((rt) => rt.fitsParty && rt.available >= stay.rooms)
          .flatMap((rt) => rt.plans.map((p) => p.totalPrice))
          .filter((p): p is number => p !== null);
        assert.equal(item.minTotalPrice, Math.min(...totals));
        const { rows } = await sql<{ total: number }>`
          select sum(price)::int * 2 as total from plan_prices
          where plan_id = ${offer.roomTypes[0]!.plans[0]!.id} and stay_date >= ${stay.checkin}::date and stay_date < ${stay.checkin}::date + 3`.execute(
          db.database.db,
        );
        assert.equal(offer.roomTypes[0]!.plans[0]!.totalPrice, rows[0]!.total);
      }
    });

    it('sorts by price or recommendation and pages without overlap', async () => {
      const byPrice = await search({ pageSize: 100 });
      const prices = byPrice.items.map((h) => h.minTotalPrice);
      assert.deepEqual(prices, [...prices].sort((a, b) => a - b));
      const pages = [await search({ pageSize: 7, page: 1 }), await search({ pageSize: 7, page: 2 }), await search({ pageSize: 7, page: 3 })];
      const ids = pages.flatMap((p) => p.items.map((h) => h.id));
      assert.equal(new Set(ids).size, ids.length, 'no hotel on two pages');
      assert.deepEqual(ids, byPrice.items.slice(0, ids.length).map((h) => h.id));
      assert.ok(pages.every((p) => p.total === byPrice.total));
      const beyond = await search({ pageSize: 7, page: 50 });
      assert.deepEqual(beyond.items, []);
      assert.equal(beyond.total, byPrice.total);
      const recommended = await search({ sort: 'recommended', pageSize: 100 });
      assert.equal(recommended.total, byPrice.total);
    });

    it('never offers a plan outside its sale period', async () => {
      const stay = parseStay({ checkin: futureDate(30), nights: 2, guests: 1, rooms: 1 });
      const { items } = await search({ ...stay, area: 'izu' });
      const offer = await getHotelOffer(db.database.db, items[0]!.id, stay);
      const plan = offer.roomTypes[0]!.plans[0]!;
      await sql`update rate_plans set sale_end = ${futureDate(30)}::date where id = ${plan.id}`.execute(db.database.db);
      const after = await getHotelOffer(db.database.db, items[0]!.id, stay);
      assert.equal(after.roomTypes[0]!.plans.find((p) => p.id === plan.id)!.totalPrice, null, 'second night is past sale_end');
    });

    it('builds a calendar of rooms left and the cheapest free room per night', async () => {
      const days = await getAvailabilityCalendar(db.database.db, 1, futureDate(0), 92, { guests: 1, rooms: 1 });
      assert.equal(days.length, 92);
      assert.equal(days[0]!.date, futureDate(0));
      assert.equal(days[91]!.date, futureDate(91));
      const seeded = days.filter((d) => d.roomsLeft > 0);
      assert.ok(seeded.length >= 59 && seeded.every((d) => d.minPrice !== null && d.minPrice > 0));
      assert.ok(days.slice(61).every((d) => d.roomsLeft === 0 && d.minPrice === null), 'no inventory past the seeded 60 days');
    });

    it('prices each calendar night for the party: the rooms that hold it, at its price per guest count', async () => {
      const calendar = (guests: number, rooms: number) => getAvailabilityCalendar(db.database.db, 1, futureDate(1), 7, { guests, rooms });
      // hotel 1's plans charge two guests twice one guest's price (and have no price of their own for three)
      await sql`update plan_prices pp set occupancy_prices = array[pp.price, pp.price * 2]
        from rate_plans rp join room_types rt on rt.id = rp.room_type_id where rp.id = pp.plan_id and rt.hotel_id = 1`.execute(db.database.db);
      try {
        const [one, two, three, twoInTwoRooms, tooMany] = await Promise.all([calendar(1, 1), calendar(2, 1), calendar(3, 1), calendar(2, 2), calendar(9, 1)]);
        one.forEach((day, i) => {
          assert.ok(day.minPrice !== null && day.minPrice > 0, day.date);
          assert.equal(two[i]!.minPrice, day.minPrice! * 2, `${day.date}: every room holds two, each at twice the price`);
          assert.equal(twoInTwoRooms[i]!.minPrice, day.minPrice! * 2, `${day.date}: two rooms of one guest each`);
          // only the larger rooms hold three; with no price for three they charge their single price
          assert.ok(three[i]!.minPrice! > day.minPrice!, `${day.date}: the cheapest room for three is dearer than for one`);
          assert.ok(three[i]!.roomsLeft < day.roomsLeft, `${day.date}: fewer rooms hold three`);
          assert.deepEqual([tooMany[i]!.roomsLeft, tooMany[i]!.minPrice], [0, null], `${day.date}: no room holds nine`);
        });
      } finally {
        await sql`update plan_prices set occupancy_prices = null`.execute(db.database.db);
      }
    });
  });
}
