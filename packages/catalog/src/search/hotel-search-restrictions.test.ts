import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { createTestDatabase, futureDate, type TestDatabase, testDatabaseTargets } from '@hatago/test-support';
import { getHotelOffer } from '../offers/hotel-offers.ts';
import { parseStay } from '../stay.ts';
import { searchHotels } from './hotel-search.ts';

for (const target of testDatabaseTargets()) {
  describe(`stay restrictions in search on ${target.name}`, () => {
    let db: TestDatabase;
    before(async () => {
      db = await createTestDatabase(target);
    });
    after(() => db.dispose());

    const stayOf = (offset: number, nights: number) => parseStay({ checkin: futureDate(offset), nights, guests: 2, rooms: 1 });
    const search = (offset: number, nights: number) =>
      searchHotels(db.database.db, { ...stayOf(offset, nights), area: 'osaka', sort: 'price', page: 1, pageSize: 50 });
    /** Sets a restriction on every room type of a hotel, so the hotel has nothing else to offer. */
    const restrict = (hotelId: number, offset: number, set: string) =>
      sql`update room_inventory ri set ${sql.raw(set)} from room_types rt
          where rt.id = ri.room_type_id and rt.hotel_id = ${hotelId} and ri.stay_date = ${futureDate(offset)}::date`.execute(db.database.db);
    const offered = async (offset: number, nights: number, hotelId: number) => (await search(offset, nights)).items.some((h) => h.id === hotelId);

    it('offers no hotel for a stay shorter than its arrival date\'s minimum stay', async () => {
      const [hotel] = (await search(20, 1)).items;
      await restrict(hotel!.id, 20, 'min_stay = 2');
      assert.equal(await offered(20, 1, hotel!.id), false);
      assert.equal(await offered(20, 2, hotel!.id), true);
      assert.equal(await offered(19, 1, hotel!.id), true, 'the night before arrives under no minimum');
      const offer = await getHotelOffer(db.database.db, hotel!.id, stayOf(20, 1));
      assert.ok(offer.roomTypes.every((rt) => rt.available === 0), 'the hotel page sells none either');
    });

    it('offers no hotel for an arrival on a date closed to arrival', async () => {
      const [hotel] = (await search(30, 1)).items;
      await restrict(hotel!.id, 30, 'closed_to_arrival = true');
      assert.equal(await offered(30, 1, hotel!.id), false);
      assert.equal(await offered(29, 2, hotel!.id), true, 'staying through the date is allowed');
    });

    it('offers no hotel for a departure on a date closed to departure', async () => {
      const [hotel] = (await search(40, 2)).items;
      await restrict(hotel!.id, 42, 'closed_to_departure = true');
      assert.equal(await offered(40, 2, hotel!.id), false);
      assert.equal(await offered(40, 3, hotel!.id), true);
      assert.equal(await offered(42, 1, hotel!.id), true, 'arriving that date is allowed');
    });
  });
}
