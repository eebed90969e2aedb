import type { Cache } from '@hatago/cache';
import type { DiningChange, DiningChangePublisher } from '../dining-context.ts';

/** Everything cached about one restaurant; nothing is cached under it yet, but readers that come will be. */
export const restaurantNamespace = (restaurantId: number) => `dining:restaurant:${restaurantId}`;

/**
 * Tells every instance sharing the cache that a restaurant's free seats changed, on the
 * same invalidation channel as the catalogue's changes, so a cached restaurant answer added
 * later is dropped by the very publish bookings already make.
 */
export class DiningChanges implements DiningChangePublisher {
  constructor(private readonly cache: Cache) {}

  /** Never fails: the change is committed, and a cache outage only lets copies live out their TTL. */
  async publish(change: DiningChange): Promise<void> {
    try {
      await this.cache.publishInvalidation({ namespaces: [restaurantNamespace(change.restaurantId)], event: { type: 'dining-change', ...change } });
    } catch (error) {
      this.cache.telemetry.failed('invalidate', error);
    }
  }
}
