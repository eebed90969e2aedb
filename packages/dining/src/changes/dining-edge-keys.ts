import type { EdgeKeySource } from '@hatago/platform/edge';
import type { DiningChange } from '../dining-context.ts';
import type { DiningChanges } from './dining-changes.ts';

/**
 * The `Surrogate-Key` tags restaurant answers carry, named beside the changes that make
 * them stale so the tagging (guest app) and the purging (below) cannot drift apart.
 */
export const DINING_EDGE_KEYS = {
  /** A restaurant's page and API answer: its seatings, what each can still take, its calendar. */
  restaurant: (restaurantId: number) => `restaurant-${restaurantId}`,
  /** Every restaurant search page and API answer, whatever restaurants it lists. */
  search: 'restaurant-search',
} as const;

/**
 * What a committed dining change makes stale at the edge. A booking or cancellation purges
 * its restaurant's own page and answer, whose seat-by-seat availability is the whole point
 * of the page, unlike a hotel's (one restaurant's pages, not every page, so a booking spike
 * empties nothing else). Searches are left to their short TTL, as for hotels: a booking
 * checks the seats under lock, so a search that still lists a time oversells nothing.
 * Any other change (the restaurant's definition) drops the searches too.
 */
export function diningEdgeKeysOf(change: DiningChange): string[] {
  const own = DINING_EDGE_KEYS.restaurant(change.restaurantId);
  return change.kind === 'booking' ? [own] : [own, DINING_EDGE_KEYS.search];
}

/** Dining changes as the edge keys they make stale, for `purgeEdgeOn`. */
export const diningEdgeKeys =
  (changes: Pick<DiningChanges, 'subscribe'>): EdgeKeySource =>
  (listener) =>
    changes.subscribe((change) => listener(diningEdgeKeysOf(change)));
