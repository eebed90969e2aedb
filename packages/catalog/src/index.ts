export type { CatalogTables, Meals } from './catalog-tables.ts';
export { CatalogErrors } from './catalog-errors.ts';
export { parseStay, checkoutOf, lastNightOf, STAY_LIMITS, type Stay, type StayInput } from './stay.ts';
export { searchHotels, type HotelSearchQuery, type HotelSearchResult } from './search/hotel-search.ts';
export {
  HOTEL_SORTS,
  MAX_PRICE_FILTER,
  MEAL_OPTIONS,
  NO_FILTERS,
  STAR_OPTIONS,
  hotelSortOf,
  parseHotelFilters,
  readHotelFilters,
  type HotelFilterInput,
  type HotelFilters,
  type HotelSort,
} from './search/hotel-filters.ts';
export type { HotelFacets } from './search/hotel-facets.ts';
export { AMENITIES, AMENITY_CODES, amenityLabel, isAmenityCode, type AmenityCode } from './hotels/hotel-amenities.ts';
export {
  BED_TYPE_CODES,
  BED_TYPES,
  bedTypeLabel,
  isBedType,
  isRoomView,
  ROOM_SIZE_SQM,
  ROOM_VIEW_CODES,
  ROOM_VIEWS,
  roomViewLabel,
  type BedType,
  type RoomView,
} from './hotels/room-details.ts';
export { ADULTS_ONLY_AGE, SMOKING_POLICIES, type HotelPolicies, type SmokingPolicy } from './hotels/hotel-policies.ts';
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
export { homeShowcase, SHOWCASE_LIMITS, type CollectionShowcase, type FeaturedArea, type HomeShowcase } from './offers/home-showcase.ts';
export { HOTEL_COLLECTIONS, type HotelCollection } from './hotels/hotel-collections.ts';
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
