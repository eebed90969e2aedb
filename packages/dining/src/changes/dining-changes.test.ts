import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { MemoryCache } from '@hatago/cache';
import { DiningChanges, restaurantNamespace } from './dining-changes.ts';
import { DINING_EDGE_KEYS, diningEdgeKeys } from './dining-edge-keys.ts';

describe('DiningChanges', () => {
  it("renews the restaurant's namespace and tells listeners what changed", async () => {
    const cache = new MemoryCache();
    const heard: unknown[] = [];
    cache.subscribeInvalidations((invalidation) => heard.push(invalidation.event));
    const [before] = await cache.versions([restaurantNamespace(7)]);
    await new DiningChanges(cache).publish({ restaurantId: 7, kind: 'booking' });
    const [after] = await cache.versions([restaurantNamespace(7)]);
    assert.notEqual(after, before);
    assert.deepEqual(heard, [{ type: 'dining-change', restaurantId: 7, kind: 'booking' }]);
  });
});

describe('dining changes at the edge', () => {
  it('purges a booked restaurant’s own page and answer, and only those, from every instance’s publish', async () => {
    const cache = new MemoryCache();
    const purged: Array<readonly string[]> = [];
    const unsubscribe = diningEdgeKeys(new DiningChanges(cache))((keys) => purged.push(keys));
    await new DiningChanges(cache).publish({ restaurantId: 7, kind: 'booking' });
    await cache.publishInvalidation({ namespaces: ['catalog:hotel:7'], event: { type: 'catalog-change', hotelId: 7, kind: 'booking' } });
    unsubscribe();
    await new DiningChanges(cache).publish({ restaurantId: 8, kind: 'booking' });
    assert.deepEqual(purged, [[DINING_EDGE_KEYS.restaurant(7)]], 'a hotel change is not a dining change; nothing is heard after the unsubscribe');
    assert.equal(DINING_EDGE_KEYS.restaurant(7), 'restaurant-7');
  });
});
