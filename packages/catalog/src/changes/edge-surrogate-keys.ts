import type { EdgeKeySource } from '@hatago/platform/edge';
import type { CatalogChange, CatalogChanges } from './catalog-change.ts';

/**
 * The `Surrogate-Key` tags guest responses carry, named here beside the changes that make
 * them stale so the tagging (guest app) and the purging (below) cannot drift apart.
 */
export const EDGE_KEYS = {
  /** A hotel's page and API answer. */
  hotel: (hotelId: number) => `hotel-${hotelId}`,
  /** Every search page and search API answer, whatever hotels it lists (a change can add a hotel to a search). */
  search: 'search',
  /**
   * The areas list and the home page: its featured areas count every hotel and its collections
   * name some by their amenities, all of which only a change of kind 'hotel' (profile, amenities,
   * photos) alters. Prices, rooms and bookings leave the home page cached.
   */
  areas: 'areas',
} as const;

/**
 * What a committed change makes stale at the edge. Bookings and cancellations purge
 * nothing: under a booking spike a purge per booking would empty the very pages the edge
 * must keep serving, and a page that shows a room for its short TTL oversells nothing,
 * since a booking checks the nights in the database under lock.
 */
export function edgeKeysOf(change: CatalogChange): string[] {
  switch (change.kind) {
    case 'booking':
      return [];
    case 'hotel':
      return [EDGE_KEYS.hotel(change.hotelId), EDGE_KEYS.search, EDGE_KEYS.areas];
    default:
      return [EDGE_KEYS.hotel(change.hotelId), EDGE_KEYS.search];
  }
}

/** Catalogue changes as the edge keys they make stale, for `purgeEdgeOn`. */
export const catalogEdgeKeys =
  (changes: Pick<CatalogChanges, 'subscribe'>): EdgeKeySource =>
  (listener) =>
    changes.subscribe((change) => listener(edgeKeysOf(change)));
