import type { Generated } from 'kysely';

export type Meals = 'room_only' | 'breakfast' | 'half_board';

export interface CatalogTables {
  areas: { id: string; name_ja: string; name_en: string; sort_order: number };
  hotels: {
    id: Generated<number>;
    area_id: string;
    name_ja: string;
    name_en: string;
    description_ja: Generated<string>;
    description_en: Generated<string>;
    address: Generated<string>;
    stars: Generated<number>;
    recommendation: Generated<number>;
    checkin_time: Generated<string>;
    checkout_time: Generated<string>;
    /** Receives the hotel's new-reservation and cancellation notices; none when null. */
    contact_email: string | null;
    /** Percent of the room charge, inside the stored tax-inclusive prices; 0 when none. */
    service_charge_percent: Generated<number>;
    /** 0: children of every age; 18: adults only. */
    children_min_age: Generated<number>;
    smoking_policy: Generated<string>;
    access_ja: Generated<string>;
    access_en: Generated<string>;
    created_at: Generated<Date>;
  };
  /** A code of hotels/hotel-amenities.ts per row. */
  hotel_amenities: { hotel_id: number; amenity: string };
  room_types: {
    id: Generated<number>;
    hotel_id: number;
    name_ja: string;
    name_en: string;
    capacity: number;
    size_sqm: Generated<number>;
    /** The Japanese description (see migration 2026-12-12.05-room-type-details). */
    description: Generated<string>;
    description_en: Generated<string>;
    /** A code of BED_TYPES, null while not stated. */
    bed_type: string | null;
    /** A code of ROOM_VIEWS, null while not stated. */
    room_view: string | null;
    sort_order: Generated<number>;
    created_at: Generated<Date>;
  };
  rate_plans: {
    id: Generated<number>;
    room_type_id: number;
    name_ja: string;
    name_en: string;
    meals: Meals;
    free_cancel_days: Generated<number>;
    cancel_fee_percent: Generated<number>;
    /** Percent of the whole stay's total a no-show is charged. */
    no_show_fee_percent: Generated<number>;
    /** True: booked only with a card guarantee; false: paid at the hotel. */
    guarantee_required: Generated<boolean>;
    sale_start: string | null;
    sale_end: string | null;
    active: Generated<boolean>;
    created_at: Generated<Date>;
  };
  hotel_photos: {
    id: Generated<number>;
    hotel_id: number;
    /** An image key of packages/images, owned by `hotel-<hotel_id>`. */
    image_key: string;
    alt_ja: string;
    alt_en: string;
    position: number;
    created_at: Generated<Date>;
  };
  plan_prices: {
    plan_id: number;
    stay_date: string;
    /** One room's price, whatever the party; what a guest count without its own price pays. */
    price: number;
    /** Element n (from 1): one room's price for n guests; null where that count has none. */
    occupancy_prices: Array<number | null> | null;
  };
  room_inventory: {
    room_type_id: number;
    stay_date: string;
    total: number;
    reserved: Generated<number>;
    stop_sell: Generated<boolean>;
    /** Fewest nights of a stay arriving this date (1 to 14). */
    min_stay: Generated<number>;
    closed_to_arrival: Generated<boolean>;
    closed_to_departure: Generated<boolean>;
  };
}
