import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { MemoryCache } from '@hatago/cache';
import { DiningChanges, restaurantNamespace } from './dining-changes.ts';

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
