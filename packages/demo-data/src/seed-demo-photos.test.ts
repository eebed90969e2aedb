import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { parseImageKey, renderImage } from '@hatago/images';
import { LocalStorage, UrlSignature } from '@hatago/storage';
import { createTestDatabase, type TestDatabase, testDatabaseTargets } from '@hatago/test-support';
import { seedDemoPhotos } from './seed-demo-photos.ts';

const [pglite] = testDatabaseTargets();

describe('demo photos', () => {
  let db: TestDatabase;
  let root: string;
  let storage: LocalStorage;
  before(async () => {
    db = await createTestDatabase(pglite!, { seed: { hotelsPerArea: 1, restaurantsPerArea: 1, days: 1 } });
    root = await mkdtemp(path.join(tmpdir(), 'hatago-demo-photos-'));
    storage = new LocalStorage({ root, signature: new UrlSignature('demo-photos-test-secret-0123456789'), urlPrefix: '/files/' });
  });
  after(async () => {
    await db.dispose();
    await rm(root, { recursive: true, force: true });
  });

  it('gives every hotel three and every restaurant two stored photos with alt text in both languages, reporting progress', async () => {
    const progress: string[] = [];
    const seeded = await seedDemoPhotos(db.database.db, storage, { onProgress: (done, total) => progress.push(`${done}/${total}`) });
    assert.equal(seeded, 20);
    assert.deepEqual(progress, Array.from({ length: 20 }, (_, i) => `${i + 1}/20`));
    const { rows } = await sql<{ hotel_id: number; image_key: string; alt_ja: string; alt_en: string; name_en: string }>`
      select p.hotel_id, p.image_key, p.alt_ja, p.alt_en, h.name_en from hotel_photos p join hotels h on h.id = p.hotel_id order by p.hotel_id, p.position`.execute(db.database.db);
    assert.equal(rows.length, 30);
    for (const row of rows) {
      assert.equal(parseImageKey(row.image_key)?.owner, `hotel-${row.hotel_id}`);
      assert.ok(row.alt_en.includes(row.name_en) && row.alt_ja.length > 0, row.alt_en);
    }
    assert.equal(new Set(rows.map((row) => row.image_key.split('/')[1])).size, 30, 'no two photos alike');
    const rendition = await renderImage(storage, rows[0]!.image_key, { width: 320, accept: 'image/webp' });
    assert.equal(rendition.contentType, 'image/webp');

    const restaurants = (
      await sql<{ restaurant_id: number; image_key: string; alt_ja: string; alt_en: string; name_en: string; position: number }>`
        select p.restaurant_id, p.image_key, p.alt_ja, p.alt_en, r.name_en, p.position from restaurant_photos p join restaurants r on r.id = p.restaurant_id
        order by p.restaurant_id, p.position`.execute(db.database.db)
    ).rows;
    assert.equal(restaurants.length, 20);
    for (const row of restaurants) {
      assert.equal(parseImageKey(row.image_key)?.owner, `restaurant-${row.restaurant_id}`);
      assert.ok(row.alt_en.includes(row.name_en) && row.alt_ja.length > 0, row.alt_en);
    }
    assert.deepEqual([...new Set(restaurants.map((row) => row.position))], [1, 2]);
  });

  it('leaves hotels and restaurants that have photos alone', async () => {
    assert.equal(await seedDemoPhotos(db.database.db, storage), 0);
  });
});
