import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { CUISINES, searchRestaurants } from '@hatago/dining';
import { addDays, tokyoToday } from '@hatago/platform/time';
import { createTestDatabase, type TestDatabase, testDatabaseTargets } from '@hatago/test-support';
import { seedDemoData } from './seed-demo-data.ts';

const [pglite] = testDatabaseTargets();

describe('demo restaurants', () => {
  let db: TestDatabase;
  before(async () => {
    db = await createTestDatabase(pglite!, { seed: { hotelsPerArea: 0, restaurantsPerArea: 8, days: 1 } });
  });
  after(() => db.dispose());

  it('seeds 80 restaurants, every cuisine in every area, named in Japanese and English', async () => {
    const { rows } = await sql<{ area_id: string; n: number; cuisines: number; named: number }>`
      select area_id, count(*)::int as n, count(distinct cuisine)::int as cuisines,
             count(*) filter (where name_ja <> name_en and name_ja <> '' and name_en <> '')::int as named
      from restaurants group by area_id order by area_id`.execute(db.database.db);
    assert.equal(rows.length, 10);
    for (const area of rows) assert.deepEqual([area.n, area.cuisines, area.named], [8, CUISINES.length, 8], area.area_id);
  });

  it('leaves every area something to book for two next week, from a cheap lunch to a dear dinner', async () => {
    const date = addDays(tokyoToday(), 8);
    const found = await searchRestaurants(db.database.db, { area: 'kyoto', date, party: 2 });
    assert.ok(found.length >= 6, `${found.length} bookable in Kyoto on ${date}`);
    const prices = found.map((r) => r.minPrice).filter((p): p is number => p !== null);
    assert.ok(Math.min(...prices) < 10000 && Math.max(...prices) > 25000, prices.join(', '));
    assert.ok(found.every((r) => r.times.length > 0));
  });
});

describe('demo restaurants for a database seeded before restaurants existed', () => {
  let old: TestDatabase;
  let fresh: TestDatabase;
  before(async () => {
    old = await createTestDatabase(pglite!, { seed: { hotelsPerArea: 1, restaurantsPerArea: 0, days: 1 } });
    fresh = await createTestDatabase(pglite!, { seed: { hotelsPerArea: 1, restaurantsPerArea: 2, days: 1 } });
  });
  after(async () => {
    await old.dispose();
    await fresh.dispose();
  });

  const names = async (db: TestDatabase) =>
    (await sql<{ name: string }>`select name_en as name from restaurants order by id`.execute(db.database.db)).rows.map((r) => r.name);
  const hotels = async (db: TestDatabase) => (await sql<{ n: number }>`select count(*)::int as n from hotels`.execute(db.database.db)).rows[0]!.n;

  it('adds the demo restaurants on the next start while there are none, the same ones a fresh seed makes, and leaves the hotels be', async () => {
    assert.deepEqual(await names(old), []);
    const hotelsBefore = await hotels(old);
    const progress: Array<[number, number]> = [];
    assert.equal(await seedDemoData(old.database.db, { restaurantsPerArea: 2, days: 1, onProgress: (done, total) => progress.push([done, total]) }), true);
    assert.deepEqual(await names(old), await names(fresh));
    assert.equal((await names(old)).length, 20);
    assert.deepEqual(progress.at(-1), [20, 20]);
    assert.equal(await hotels(old), hotelsBefore, 'no hotel is added or changed');
    assert.equal(await seedDemoData(old.database.db, { restaurantsPerArea: 2, days: 1 }), false, 'restaurants exist: nothing more is added');
    assert.equal((await names(old)).length, 20);
    assert.equal(await seedDemoData(fresh.database.db, { restaurantsPerArea: 2, days: 1 }), false);
  });
});
