import type { Cache } from '@hatago/cache';

export type CatalogChangeKind = 'inventory' | 'prices' | 'plans' | 'room-types' | 'hotel' | 'booking';

/** Something about one hotel changed and was committed: whatever was derived from it is stale. */
export interface CatalogChange {
  hotelId: number;
  kind: CatalogChangeKind;
}

/** What management functions and booking routes call after their transaction committed. */
export interface CatalogChangePublisher {
  publish(change: CatalogChange): Promise<void>;
}

export type CatalogChangeListener = (change: CatalogChange) => void;

/** Everything cached about one hotel: its page, offers and calendar. */
export const hotelNamespace = (hotelId: number) => `catalog:hotel:${hotelId}`;
/** Every cached search result, whatever hotels it lists. */
export const SEARCH_NAMESPACE = 'catalog:search';

/**
 * A booking or cancellation changes one hotel's free rooms: its pages go at once. Search
 * results are left to their TTL of a few seconds (see CATALOG_TTL): under a booking storm,
 * dropping every cached search on every booking would leave no search cached at all, and
 * a search that still lists a hotel for a few seconds oversells nothing, since a booking
 * always checks the nights in the database under lock. Anything a facility changes
 * (inventory, prices, plans, room types) drops both.
 */
export const namespacesOf = (change: CatalogChange): string[] =>
  change.kind === 'booking' ? [hotelNamespace(change.hotelId)] : [hotelNamespace(change.hotelId), SEARCH_NAMESPACE];

const KINDS = new Set<string>(['inventory', 'prices', 'plans', 'room-types', 'hotel', 'booking']);

function catalogChangeOf(event: unknown): CatalogChange | undefined {
  if (typeof event !== 'object' || event === null) return undefined;
  const { type, hotelId, kind } = event as Record<string, unknown>;
  if (type !== 'catalog-change' || !Number.isInteger(hotelId) || typeof kind !== 'string' || !KINDS.has(kind)) return undefined;
  return { hotelId: hotelId as number, kind: kind as CatalogChangeKind };
}

/**
 * Catalogue changes, published over the cache's invalidation channel: publishing drops
 * the cached data derived from the hotel in every instance sharing the cache, and every
 * instance's subscribers hear of it (the edge purges its own copies this way).
 */
export class CatalogChanges implements CatalogChangePublisher {
  constructor(private readonly cache: Cache) {}

  /**
   * Never fails: the change is already committed, and refusing the request now would only
   * tell the user it failed when it did not. When the cache is down, its failure is
   * counted and logged and cached copies live out their TTL.
   */
  async publish(change: CatalogChange): Promise<void> {
    try {
      await this.cache.publishInvalidation({ namespaces: namespacesOf(change), event: { type: 'catalog-change', ...change } });
    } catch (error) {
      this.cache.telemetry.failed('invalidate', error);
    }
  }

  /** Hears every change published by any instance, this one included; returns the unsubscribe. */
  subscribe(listener: CatalogChangeListener): () => void {
    return this.cache.subscribeInvalidations((invalidation) => {
      const change = catalogChangeOf(invalidation.event);
      if (change) listener(change);
    });
  }
}
