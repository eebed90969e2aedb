import type { Cache } from '@hatago/cache';
import type { DiningChange, DiningChangePublisher } from '../dining-context.ts';

/** Everything cached about one restaurant; nothing is cached under it yet, but readers that come will be. */
export const restaurantNamespace = (restaurantId: number) => `dining:restaurant:${restaurantId}`;

export type DiningChangeListener = (change: DiningChange) => void;

function diningChangeOf(event: unknown): DiningChange | undefined {
  if (typeof event !== 'object' || event === null) return undefined;
  const { type, restaurantId, kind } = event as Record<string, unknown>;
  if (type !== 'dining-change' || !Number.isInteger(restaurantId) || typeof kind !== 'string') return undefined;
  // kinds added later (console changes) still name their restaurant; they are passed on as they came
  return { restaurantId: restaurantId as number, kind: kind as DiningChange['kind'] };
}

/**
 * Tells every instance sharing the cache that a restaurant's free seats changed, on the
 * same invalidation channel as the catalogue's changes, so a cached restaurant answer is
 * dropped by the very publish bookings make, and the edge purges its copies (dining-edge-keys.ts).
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

  /** Hears every dining change published by any instance, this one included; returns the unsubscribe. */
  subscribe(listener: DiningChangeListener): () => void {
    return this.cache.subscribeInvalidations((invalidation) => {
      const change = diningChangeOf(invalidation.event);
      if (change) listener(change);
    });
  }
}
