import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { BannerChanges, bannerEdgeKeys, publishBannerDocument } from '@hatago/banners';
import { purgeEdgeOn } from '@hatago/platform/edge';
import { CacheTelemetry, FallbackRateLimiter } from '@hatago/cache';
import { nextInvalidation } from '@hatago/cache/contract';
import { RedisCache, RedisRateLimiter } from '@hatago/cache/redis';
import { testKeyPrefix, testRedisUrl } from '@hatago/cache/testing';
import { buildGuestApp } from '@hatago/guest';
import { DatabaseRateLimiter } from '@hatago/identity';
import type { HttpApp } from '@hatago/platform/http';
import { createTestDatabase, type TestDatabase, testAppDeps, testDatabaseTargets } from '@hatago/test-support';

const document = (caption: string) =>
  JSON.stringify({
    banners: [
      {
        id: 'hero',
        slot: 'home-hero',
        image: 'https://images.example/hero.jpg',
        link: '/',
        alt: { ja: caption, en: caption },
        caption: { ja: caption, en: caption },
        start: '2026-01-01T00:00:00+09:00',
        end: '2030-01-01T00:00:00+09:00',
        priority: 1,
      },
    ],
  });

/**
 * A publish reaches every guest instance with no restart: two guest instances and the
 * publishing (operator) instance each hold their own connections to one real Redis; the
 * publish renews the `banners` namespace and every instance drops its copy when it hears
 * the invalidation, and the edge purge path is asked to drop the `banners` pages.
 */
describe('a banner publish on instances sharing Redis', { timeout: 120_000 }, () => {
  let db: TestDatabase;
  const closing: Array<{ close(): Promise<unknown> }> = [];
  const caches: RedisCache[] = [];
  let guests: HttpApp[] = [];

  before(async () => {
    db = await createTestDatabase(testDatabaseTargets().at(-1)!, { seed: { hotelsPerArea: 1, restaurantsPerArea: 0, days: 2 } });
    const [url, keyPrefix] = [await testRedisUrl(), testKeyPrefix()];
    for (let i = 0; i < 3; i++) {
      const cache = new RedisCache({ url, keyPrefix });
      closing.push(cache);
      caches.push(cache);
    }
    await Promise.all(caches.map((cache) => cache.ready()));
    guests = await Promise.all(
      caches.slice(0, 2).map(async (cache) => {
        const limiter = new RedisRateLimiter({ url, keyPrefix });
        closing.push(limiter);
        const app = await buildGuestApp({ ...testAppDeps(db.database), cache, rateLimiter: new FallbackRateLimiter(limiter, new DatabaseRateLimiter(db.database.db), new CacheTelemetry('redis')) });
        closing.push(app);
        return app;
      }),
    );
  });
  after(async () => {
    for (const part of closing.reverse()) await part.close();
    await db.dispose();
  });

  const heroOn = async (guest: HttpApp) => (await guest.inject('/?lang=en')).body.match(/<span class="caption">([^<]*)<\/span>/)?.[1];

  it('shows the new banner on both guest instances at their next request, and purges the edge pages', async () => {
    const purged: string[][] = [];
    const operatorChanges = new BannerChanges(caches[2]!);
    const purging = purgeEdgeOn([bannerEdgeKeys(operatorChanges)], { purgeKeys: async (keys) => void purged.push([...keys]) });
    const context = { db: db.database.db, changes: operatorChanges };
    const action = { actor: { id: 3, name: 'Demo Editor' }, requestId: 'redis-banners' };

    await publishBannerDocument(context, document('First'), action);
    assert.deepEqual(await Promise.all(guests.map(heroOn)), ['First', 'First']);
    assert.deepEqual(await Promise.all(guests.map(heroOn)), ['First', 'First'], 'now held in each instance and in Redis');

    const heard = caches.slice(0, 2).map((cache) => nextInvalidation(cache, (i) => i.namespaces.includes('banners')));
    await publishBannerDocument(context, document('Second'), action);
    await Promise.all(heard);
    assert.deepEqual(await Promise.all(guests.map(heroOn)), ['Second', 'Second']);

    await purging.settled();
    assert.deepEqual(purged, [['banners'], ['banners']], 'each publish asks the edge to drop every page showing banners');
    await purging.stop();
  });
});
