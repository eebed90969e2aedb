import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { createTestDatabase, type TestDatabase, testDatabaseTargets } from '@hatago/test-support';
import { seedDemoData } from './seed-demo-data.ts';

describe('the demo room types’ beds, sizes and views', () => {
  const pglite = testDatabaseTargets().find((t) => t.name === 'pglite')!;
  let db: TestDatabase;
  const roomsByHotel = async () =>
    (
      await sql<{ id: number; hotel: string; area: string; room: string; bed: string | null; view: string | null; size: number; ja: string; en: string }>`
        select rt.id, h.name_en as hotel, h.area_id as area, rt.name_en as room, rt.bed_type as bed, rt.room_view as view, rt.size_sqm as size,
          rt.description as ja, rt.description_en as en
        from room_types rt join hotels h on h.id = rt.hotel_id order by rt.id`.execute(db.database.db)
    ).rows;

  before(async () => {
    db = await createTestDatabase(pglite, { seed: { hotelsPerArea: 7, restaurantsPerArea: 0, days: 2 } });
  });
  after(() => db.dispose());

  it('gives every room a bed type, a size, a view and text in both languages that fit its hotel', async () => {
    const rooms = await roomsByHotel();
    assert.ok(rooms.length > 140);
    assert.ok(rooms.every((r) => r.bed && r.view && r.ja && r.en && r.size >= 10 && r.size <= 500), 'every room says it all');
    const ryokan = rooms.filter((r) => /^(Ryokan Kasumi|Onsen Resort Hanakaze) /.test(r.hotel));
    assert.ok(ryokan.length > 0 && ryokan.every((r) => r.bed === 'futon-on-tatami' && ['garden', 'mountain'].includes(r.view!)));
    assert.ok(ryokan.filter((r) => !r.room.endsWith('Suite')).every((r) => r.size >= 40 && r.size <= 60), 'ryokan rooms: 40–60 m²');
    const city = rooms.filter((r) => r.area === 'tokyo' && /^(Grand Hotel|Park Tower Hotel|Hotel Seiran) /.test(r.hotel));
    assert.ok(city.every((r) => r.view === 'city'));
    assert.ok(city.filter((r) => !r.room.endsWith('Suite') && r.bed !== 'futon-on-tatami').every((r) => ['king', 'twin', 'double'].includes(r.bed!) && r.size >= 30 && r.size <= 55));
    const suites = rooms.filter((r) => r.room.endsWith('Suite'));
    assert.ok(suites.every((s) => rooms.filter((r) => r.hotel === s.hotel && !r.room.endsWith('Suite')).every((r) => r.size < s.size)), 'suites are larger');
    assert.ok(rooms.some((r) => r.area === 'okinawa' && r.view === 'sea'));
  });

  it('tops up a catalogue seeded before room details existed, the same as a fresh seed, once', async () => {
    const fresh = await roomsByHotel();
    await sql`update room_types set bed_type = null, room_view = null, description = '', description_en = ''`.execute(db.database.db);
    assert.equal(await seedDemoData(db.database.db, { restaurantsPerArea: 0 }), true);
    assert.deepEqual(await roomsByHotel(), fresh);
    assert.equal(await seedDemoData(db.database.db, { restaurantsPerArea: 0 }), false, 'nothing more to add');
  });
});
