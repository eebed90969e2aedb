import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { addGalleryPhoto, GALLERY_PHOTOS_MAX, moveGalleryPhoto } from '@hatago/images';
import { sampleJpeg } from '@hatago/images/testing';
import { DomainError } from '@hatago/platform/errors';
import { LocalStorage, UrlSignature } from '@hatago/storage';
import { createTestDatabase, type TestDatabase, testDatabaseTargets } from '@hatago/test-support';
import { searchRestaurants } from '../availability/search-restaurants.ts';
import { diningEdgeKeysOf } from '../changes/dining-edge-keys.ts';
import { getRestaurantProfile } from '../restaurants/restaurant-profile.ts';
import { addTestRestaurant, TEST_CLOCK, testManagementContext } from '../testing/test-restaurant.ts';
import { restaurantGallery } from './restaurant-photos.ts';

const alt = (n: number) => ({ altJa: `店内 ${n}`, altEn: `Inside, photo ${n}` });

for (const target of testDatabaseTargets()) {
  describe(`restaurant photos on ${target.name}`, () => {
    let db: TestDatabase;
    let root: string;
    let storage: LocalStorage;
    before(async () => {
      db = await createTestDatabase(target, { seed: false });
      root = await mkdtemp(path.join(tmpdir(), 'hatago-restaurant-photos-'));
      storage = new LocalStorage({ root, signature: new UrlSignature('restaurant-photos-test-secret-0123'), urlPrefix: '/files/' });
    });
    after(async () => {
      await db.dispose();
      await rm(root, { recursive: true, force: true });
    });

    it('adds photos under the restaurant, publishes a restaurant change (its page and the searches purged) and audits it', async () => {
      const { id } = await addTestRestaurant(db.database.db);
      const context = testManagementContext(db.database.db, id);
      const first = await addGalleryPhoto(restaurantGallery(context), storage, await sampleJpeg(900, 600), alt(1));
      const second = await addGalleryPhoto(restaurantGallery(context), storage, await sampleJpeg(600, 400), alt(2));
      assert.match(first.imageKey, new RegExp(`^restaurant-${id}/`));
      assert.deepEqual(context.published, [
        { restaurantId: id, kind: 'restaurant' },
        { restaurantId: id, kind: 'restaurant' },
      ]);
      assert.deepEqual(diningEdgeKeysOf(context.published[0]!), [`restaurant-${id}`, 'restaurant-search']);
      await moveGalleryPhoto(restaurantGallery(context), String(second.id), 'earlier');
      const { rows } = await sql<{ action: string }>`select action from audit_log where target_type = 'restaurant' and target_id = ${String(id)} order by id`.execute(db.database.db);
      assert.deepEqual(rows.map((r) => r.action), ['restaurant.photo.add', 'restaurant.photo.add', 'restaurant.photo.move']);

      const profile = await getRestaurantProfile(db.database.db, id);
      assert.deepEqual(profile.photos, [
        { key: second.imageKey, alt: { ja: '店内 2', en: 'Inside, photo 2' } },
        { key: first.imageKey, alt: { ja: '店内 1', en: 'Inside, photo 1' } },
      ]);
      const found = await searchRestaurants(db.database.db, { date: '2027-03-05', party: '2', area: 'test-area' }, TEST_CLOCK);
      assert.equal(found.find((r) => r.id === id)?.cover?.key, second.imageKey, 'the first photo is the cover');
    });

    it("refuses, in the database, a row whose image another owner uploaded", async () => {
      const { id } = await addTestRestaurant(db.database.db);
      await assert.rejects(
        sql`insert into restaurant_photos (restaurant_id, image_key, alt_ja, alt_en, position) values (${id}, ${`restaurant-${id + 1}/x.jpg`}, 'a', 'b', 1)`.execute(db.database.db),
        /check/i,
      );
      await assert.rejects(
        sql`insert into restaurant_photos (restaurant_id, image_key, alt_ja, alt_en, position) values (${id}, ${`hotel-${id}/x.jpg`}, 'a', 'b', 1)`.execute(db.database.db),
        /check/i,
      );
    });

    it(`shows at most ${GALLERY_PHOTOS_MAX} photos: one more is refused and publishes nothing`, async () => {
      const { id } = await addTestRestaurant(db.database.db);
      await sql`insert into restaurant_photos (restaurant_id, image_key, alt_ja, alt_en, position)
        select ${id}, 'restaurant-' || ${id} || '/' || n || '.jpg', 'a', 'b', n from generate_series(1, ${GALLERY_PHOTOS_MAX}) n`.execute(db.database.db);
      const context = testManagementContext(db.database.db, id);
      await assert.rejects(addGalleryPhoto(restaurantGallery(context), storage, await sampleJpeg(), alt(3)), (error: unknown) => {
        assert.ok(error instanceof DomainError);
        assert.equal(error.code, 'INVALID_RESTAURANT_PHOTO');
        assert.match(error.fields[0]!.message, /at most 12 photos/);
        return true;
      });
      assert.deepEqual(context.published, []);
    });
  });
}
