export type { CatalogTables, Meals } from './catalog-tables.ts';
export { CatalogErrors } from './catalog-errors.ts';
export { parseStay, checkoutOf, lastNightOf, STAY_LIMITS, type Stay, type StayInput } from './stay.ts';
export { searchHotels, type HotelSearchQuery, type HotelSearchResult, type HotelSort } from './search/hotel-search.ts';
export {
  listAreas,
  getHotel,
  getHotelOffer,
  getAvailabilityCalendar,
  type CalendarDay,
  type HotelOffer,
  type HotelSummary,
  type PlanOffer,
  type RoomTypeOffer,
} from './offers/hotel-offers.ts';
export { quoteStay, type StayQuote } from './offers/stay-quote.ts';
export { priceBreakdown, CONSUMPTION_TAX_PERCENT, type PriceBreakdown, type PricedStay } from './pricing/price-breakdown.ts';
export { ACCOMMODATION_TAXES, type AccommodationTax, type AccommodationTaxBand, type AccommodationTaxSchedule } from './pricing/accommodation-tax-bands.ts';
export type { Locale } from './hotels/hotel-heading.ts';
export { getHotelContact, type HotelContact } from './hotels/hotel-contact.ts';
export { getHotelDirections, type HotelDirections } from './hotels/hotel-directions.ts';
export { moveRooms, reserveRooms, releaseRooms, type HeldRooms } from './inventory/room-inventory.ts';
export { hotelOccupancy, OCCUPANCY_DAYS, type NightOccupancy } from './inventory/occupancy.ts';
export { catalogMigrations } from './migrations/index.ts';
export { catalogNotices } from './mail/catalog-notices.ts';
export * from './management/index.ts';
export {
  CatalogChanges,
  hotelNamespace,
  namespacesOf,
  SEARCH_NAMESPACE,
  type CatalogChange,
  type CatalogChangeKind,
  type CatalogChangeListener,
  type CatalogChangePublisher,
} from './changes/catalog-change.ts';
export { CachedCatalog, CATALOG_TTL, type CachedAreas } from './caching/cached-catalog.ts';
export { catalogEdgeKeys, EDGE_KEYS, edgeKeysOf } from './changes/edge-surrogate-keys.ts';
