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

  it('leaves every area something to book for two on every day of next week, and over the week from a lunch under ¥10,000 to a dinner of ¥18,000 or more', async () => {
    // every weekday, whatever day the run starts on: restaurants close on set weekdays, so one day's range depends on which day it is
    const days = Array.from({ length: 7 }, (_, i) => addDays(tokyoToday(), 7 + i));
    const { rows: areas } = await sql<{ area_id: string }>`select distinct area_id from restaurants order by area_id`.execute(db.database.db);
    for (const { area_id: area } of areas) {
      const prices: number[] = [];
      for (const date of days) {
        const found = await searchRestaurants(db.database.db, { area, date, party: 2 });
        assert.ok(found.length >= 6, `${found.length} bookable in ${area} on ${date}`);
        assert.ok(found.every((r) => r.times.length > 0), `${area} on ${date}: a result without a bookable time`);
        prices.push(...found.map((r) => r.minPrice).filter((p): p is number => p !== null));
      }
      // the demo's areas range from ¥19,000 (Kanazawa) to ¥31,000 (Tokyo) at the top
      assert.ok(Math.min(...prices) < 10_000 && Math.max(...prices) >= 18_000, `${area}: ${Math.min(...prices)} … ${Math.max(...prices)}`);
    }
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
