import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { createTestDatabase, type TestDatabase, testDatabaseTargets } from '@hatago/test-support';
import { seedDemoData } from './seed-demo-data.ts';

describe('the demo hotels’ amenities and house rules', () => {
  const pglite = testDatabaseTargets().find((t) => t.name === 'pglite')!;
  let db: TestDatabase;
  const amenitiesByHotel = async () =>
    (
      await sql<{ name: string; area: string; codes: string }>`
        select h.name_en as name, h.area_id as area, coalesce(string_agg(a.amenity, ',' order by a.amenity), '') as codes
        from hotels h left join hotel_amenities a on a.hotel_id = h.id group by h.id order by h.id`.execute(db.database.db)
    ).rows;

  before(async () => {
    db = await createTestDatabase(pglite, { seed: { hotelsPerArea: 7, restaurantsPerArea: 0, days: 2 } });
  });
  after(() => db.dispose());

  it('gives every hotel amenities that fit its style and area', async () => {
    const hotels = await amenitiesByHotel();
    assert.equal(hotels.length, 70);
    assert.ok(hotels.every((h) => h.codes !== ''), 'every hotel offers something');
    const has = (h: { codes: string }, code: string) => h.codes.split(',').includes(code);
    assert.ok(hotels.filter((h) => h.area === 'hakone').every((h) => has(h, 'onsen')), 'Hakone draws the hot spring');
    assert.ok(hotels.filter((h) => h.name.startsWith('Ryokan Kasumi')).every((h) => has(h, 'onsen') && has(h, 'private-onsen')));
    assert.ok(hotels.filter((h) => h.area === 'tokyo' && /^(Grand Hotel|Park Tower Hotel) /.test(h.name)).every((h) => has(h, 'club-lounge')));
    assert.ok(!hotels.filter((h) => h.area === 'tokyo' && h.name.startsWith('Hotel Seiran')).some((h) => has(h, 'onsen')));
    const { rows } = await sql<{ adults: number; access: number }>`
      select count(*) filter (where children_min_age = 18)::int as adults, count(*) filter (where access_en <> '')::int as access from hotels`.execute(db.database.db);
    assert.deepEqual(rows[0], { adults: 10, access: 70 }, 'the villas are for adults; every hotel says how to get there');
  });

  it('tops up a catalogue seeded before amenities existed, the same as a fresh seed, once', async () => {
    const fresh = await amenitiesByHotel();
    await sql`delete from hotel_amenities`.execute(db.database.db);
    await sql`update hotels set children_min_age = 0, access_ja = '', access_en = ''`.execute(db.database.db);
    assert.equal(await seedDemoData(db.database.db, { restaurantsPerArea: 0 }), true);
    assert.deepEqual(await amenitiesByHotel(), fresh);
    assert.equal(await seedDemoData(db.database.db, { restaurantsPerArea: 0 }), false, 'nothing more to add');
  });
});
