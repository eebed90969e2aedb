import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { DomainError } from '@hatago/platform/errors';
import { createTestDatabase, futureDate, type TestDatabase, testDatabaseTargets } from '@hatago/test-support';
import { getHotelOffer } from '../offers/hotel-offers.ts';
import { parseStay } from '../stay.ts';
import { type HotelFilters, NO_FILTERS, parseHotelFilters, readHotelFilters } from './hotel-filters.ts';
import { searchHotels } from './hotel-search.ts';

for (const target of testDatabaseTargets()) {
  describe(`hotel search filters, sorts and counts on ${target.name}`, () => {
    let db: TestDatabase;
    const stay = parseStay({ checkin: futureDate(10), nights: 2, guests: 2, rooms: 1 });
    before(async () => {
      db = await createTestDatabase(target);
      // the small demo world has only five-star hotels: make the first of each area a four-star
      await sql`update hotels set stars = 4 where id in (select min(id) from hotels group by area_id)`.execute(db.database.db);
    });
    after(() => db.dispose());

    const search = (filters: Partial<HotelFilters> = {}, more: Partial<Parameters<typeof searchHotels>[1]> = {}) =>
      searchHotels(db.database.db, { ...stay, sort: 'recommended', page: 1, pageSize: 100, filters: { ...NO_FILTERS, ...filters }, ...more });

    /** Every plan a guest could book for the stay, per hotel, from the hotel page's own offer. */
    async function bookableTotals(hotelId: number, meals?: string[]): Promise<number[]> {
      const offer = await getHotelOffer(db.database.db, hotelId, stay);
      return offer.roomTypes
        .filter((rt) => rt.fitsParty && rt.available >= stay.rooms)
        .flatMap((rt) => rt.plans.filter((p) => !meals || meals.includes(p.meals)).map((p) => p.totalPrice))
        .filter((p): p is number => p !== null);
    }

    it('searches as before without filters, and counts every hotel under each value', async () => {
      const plain = await searchHotels(db.database.db, { ...stay, sort: 'recommended', page: 1, pageSize: 100 });
      const none = await search();
      assert.deepEqual(none.items.map((h) => [h.id, h.minTotalPrice]), plain.items.map((h) => [h.id, h.minTotalPrice]));
      assert.equal(plain.total, 20);
      const stars = Object.fromEntries(plain.facets.stars.map((f) => [f.value, f.count]));
      assert.deepEqual(stars, { 5: 10, 4: 10, 3: 0, 2: 0, 1: 0 });
      assert.ok(plain.facets.price && plain.facets.price.min === Math.min(...plain.items.map((h) => h.minTotalPrice)));
      assert.equal(plain.facets.price.max, Math.max(...plain.items.map((h) => h.minTotalPrice)));
    });

    it('keeps hotels having every chosen amenity, and shows their amenities', async () => {
      const { rows } = await sql<{ id: number }>`
        select hotel_id as id from hotel_amenities where amenity in ('onsen', 'club-lounge') group by hotel_id having count(*) = 2`.execute(db.database.db);
      const both = await search({ amenities: ['onsen', 'club-lounge'] });
      assert.deepEqual(both.items.map((h) => h.id).sort(), rows.map((r) => r.id).sort());
      const onsen = await search({ amenities: ['onsen'] });
      assert.ok(onsen.total > both.total && onsen.items.every((h) => h.amenities.includes('onsen')));
      const hakone = await search({ amenities: ['onsen'] }, { area: 'hakone' });
      assert.equal(hakone.total, 2, 'both Hakone hotels draw the hot spring');
    });

    it('keeps hotels of any chosen star rating, counting the other ratings as if not chosen', async () => {
      const four = await search({ stars: [4] });
      assert.equal(four.total, 10);
      assert.ok(four.items.every((h) => h.stars === 4));
      assert.deepEqual(four.facets.stars.filter((f) => f.count > 0).map((f) => [f.value, f.count]), [[5, 10], [4, 10]]);
      assert.equal((await search({ stars: [4, 5] })).total, 20);
    });

    it('prices a hotel by its cheapest plan with the chosen meals, within the chosen range', async () => {
      const dinner = await search({ meals: ['half_board'] }, { area: 'kyoto' });
      for (const hotel of dinner.items) assert.equal(hotel.minTotalPrice, Math.min(...(await bookableTotals(hotel.id, ['half_board']))));
      const all = await search({}, { area: 'kyoto' });
      for (const hotel of all.items.filter((h) => !dinner.items.some((d) => d.id === h.id))) {
        assert.deepEqual(await bookableTotals(hotel.id, ['half_board']), [], `hotel ${hotel.id} sells no dinner plan`);
      }
      const prices = (await search()).items.map((h) => h.minTotalPrice).sort((a, b) => a - b);
      const [low, high] = [prices[5]!, prices[14]!];
      const ranged = await search({ minPrice: low, maxPrice: high });
      assert.ok(ranged.total >= 10);
      for (const hotel of ranged.items) {
        assert.ok(hotel.minTotalPrice >= low && hotel.minTotalPrice <= high);
        assert.equal(hotel.minTotalPrice, Math.min(...(await bookableTotals(hotel.id)).filter((p) => p >= low)));
      }
      const beyond = await search({ minPrice: 99_000_000 });
      assert.equal(beyond.total, 0);
      assert.deepEqual(beyond.facets.price, (await search()).facets.price, 'the price span leaves the price filter out');
    });

    it('counts for each value what choosing it would leave, the other filters applied', async () => {
      const current: Partial<HotelFilters> = { stars: [5], amenities: ['restaurant'], meals: ['breakfast', 'half_board'] };
      const { facets, total } = await search(current);
      for (const { value, count } of facets.stars) assert.equal(count, (await search({ ...current, stars: [value] })).total, `stars ${value}`);
      for (const { value, count } of facets.meals) assert.equal(count, (await search({ ...current, meals: [value] })).total, `meals ${value}`);
      for (const { value, count } of facets.amenities) {
        assert.equal(count, (await search({ ...current, amenities: [...current.amenities!, value] })).total, `amenity ${value}`);
      }
      assert.equal(facets.amenities.find((f) => f.value === 'restaurant')!.count, total, 'a chosen amenity counts the results');
    });

    it('sorts by price either way and by stars, paging without overlap', async () => {
      const desc = await search({}, { sort: 'price_desc' });
      const prices = desc.items.map((h) => h.minTotalPrice);
      assert.deepEqual(prices, [...prices].sort((a, b) => b - a));
      const byStars = await search({}, { sort: 'stars' });
      assert.deepEqual(byStars.items.map((h) => h.stars), [...Array(10).fill(5), ...Array(10).fill(4)]);
      const pages = [1, 2, 3].map((page) => search({}, { sort: 'stars', page, pageSize: 7 }));
      const ids = (await Promise.all(pages)).flatMap((p) => p.items.map((h) => h.id));
      assert.deepEqual(ids, byStars.items.map((h) => h.id));
    });
  });
}

describe('reading hotel search filters', () => {
  it('reads repeats and comma lists, in the lists order, each once', () => {
    const { filters, errors } = readHotelFilters({ stars: ['4', '5,4'], meals: 'half_board,room_only', amenities: ['spa', 'onsen', 'spa'], minPrice: '10000' });
    assert.deepEqual(errors, []);
    assert.deepEqual(filters, { minPrice: 10000, stars: [5, 4], meals: ['room_only', 'half_board'], amenities: ['onsen', 'spa'] });
  });

  it('names every bad value and keeps the good ones', () => {
    const { filters, errors } = readHotelFilters({ stars: ['6', '4'], meals: 'lunch', amenities: 'casino', minPrice: '-1', maxPrice: '1e9' });
    assert.deepEqual(errors.map((e) => e.field), ['minPrice', 'maxPrice', 'stars', 'meals', 'amenities']);
    assert.deepEqual(filters, { stars: [4], meals: [], amenities: [] });
    const crossed = readHotelFilters({ minPrice: '50000', maxPrice: '40000' });
    assert.deepEqual(crossed.errors, [{ field: 'maxPrice', message: 'The highest price must not be below the lowest' }]);
    assert.deepEqual(crossed.filters, NO_FILTERS);
  });

  it('refuses bad filters as INVALID_SEARCH_FILTER for the API', () => {
    assert.throws(
      () => parseHotelFilters({ amenities: ['onsen', 'x'] }),
      (e: unknown) => e instanceof DomainError && e.code === 'INVALID_SEARCH_FILTER' && e.fields[0]!.field === 'amenities',
    );
    assert.deepEqual(parseHotelFilters({}), NO_FILTERS);
  });
});
