import { type Cache, cached } from '@hatago/cache';
import type { Executor } from '@hatago/db';
import { hotelNamespace, SEARCH_NAMESPACE } from '../changes/catalog-change.ts';
import type { Locale } from '../hotels/hotel-heading.ts';
import { type CalendarDay, getAvailabilityCalendar, getHotel, getHotelOffer, type HotelOffer, type HotelSummary, listAreas } from '../offers/hotel-offers.ts';
import { type HomeShowcase, homeShowcase } from '../offers/home-showcase.ts';
import { type HotelSearchQuery, type HotelSearchResult, searchHotels } from '../search/hotel-search.ts';
import { filtersKey, NO_FILTERS } from '../search/hotel-filters.ts';
import type { Stay } from '../stay.ts';

/**
 * How long cached catalogue reads live. Hotel data is dropped by every change to the
 * hotel (bookings included), so its TTL only bounds what a lost invalidation can leave
 * behind; search results are not dropped by bookings, so theirs is short (see namespacesOf).
 */
export const CATALOG_TTL = { searchMs: 5_000, hotelMs: 60_000, areasMs: 300_000 } as const;

export type CachedAreas = Awaited<ReturnType<typeof listAreas>>;

const stayKey = (stay: Stay) => `${stay.checkin}/${stay.nights}n/${stay.guests}g/${stay.rooms}r`;

/**
 * The catalogue reads guest pages and the API make, read through the cache. The same
 * functions without a cache are the source: a cache failure costs a database query, never
 * an error, and a booking always re-checks the database under lock.
 */
export class CachedCatalog {
  constructor(
    private readonly db: Executor,
    private readonly cache: Cache,
  ) {}

  listAreas(locale: Locale = 'en'): Promise<CachedAreas> {
    return cached(this.cache, `catalog:areas:${locale}`, CATALOG_TTL.areasMs, () => listAreas(this.db, locale));
  }

  /** Dropped with the searches by every facility change, since it counts and names hotels across the catalogue. */
  homeShowcase(locale: Locale = 'en'): Promise<HomeShowcase> {
    return cached(this.cache, { key: `catalog:showcase:v1:${locale}`, namespaces: [SEARCH_NAMESPACE] }, CATALOG_TTL.areasMs, () => homeShowcase(this.db, locale));
  }

  searchHotels(query: HotelSearchQuery, locale: Locale = 'en'): Promise<HotelSearchResult> {
    const filters = filtersKey(query.filters ?? NO_FILTERS);
    const key = `catalog:search:v2:${locale}:${stayKey(query)}:${query.area ?? '*'}:${query.sort}:${query.page}x${query.pageSize}:${filters}`;
    return cached(this.cache, { key, namespaces: [SEARCH_NAMESPACE] }, CATALOG_TTL.searchMs, () => searchHotels(this.db, query, locale));
  }

  getHotel(hotelId: number, locale: Locale = 'en'): Promise<HotelSummary> {
    // v2: a summary carries the amenities and policies; one cached by an older release would lack them
    return this.#hotelData(hotelId, `summary:v2:${locale}`, () => getHotel(this.db, hotelId, locale));
  }

  getHotelOffer(hotelId: number, stay: Stay, locale: Locale = 'en'): Promise<HotelOffer> {
    // v4: each room type carries its bed type and view (v3: the hotel's amenities and policies; v2: each plan's price breakdown); older releases' lack them
    return this.#hotelData(hotelId, `offer:v4:${locale}:${stayKey(stay)}`, () => getHotelOffer(this.db, hotelId, stay, locale));
  }

  getAvailabilityCalendar(hotelId: number, from: string, days: number, party: Pick<Stay, 'guests' | 'rooms'>): Promise<CalendarDay[]> {
    // v2: priced for the party (v1 was the cheapest room for anyone)
    return this.#hotelData(hotelId, `calendar:v2:${from}:${days}:${party.guests}x${party.rooms}`, () => getAvailabilityCalendar(this.db, hotelId, from, days, party));
  }

  #hotelData<T>(hotelId: number, what: string, load: () => Promise<T>): Promise<T> {
    const namespace = hotelNamespace(hotelId);
    return cached(this.cache, { key: `catalog:hotel:${hotelId}:${what}`, namespaces: [namespace] }, CATALOG_TTL.hotelMs, load);
  }
}
