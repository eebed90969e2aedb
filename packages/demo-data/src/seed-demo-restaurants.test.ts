import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { CUISINES, searchRestaurants } from '@hatago/dining';
import { addDays, tokyoToday } from '@hatago/platform/time';
import { createTestDatabase, type TestDatabase, testDatabaseTargets } from '@hatago/test-support';

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
