import type { ColumnType, Generated } from 'kysely';
import type { CancelFeeRule, CapacityMode, BookingMode, Cuisine } from './restaurants/restaurant.ts';

/** `declined`: a request the restaurant turned down; like `cancelled`, it holds nothing. */
export type TableReservationStatus = 'confirmed' | 'requested' | 'cancelled' | 'declined';

/** A no-show guarantee's life: held, then charged a fee or let go. */
export type GuaranteeStatus = 'authorised' | 'captured' | 'released' | 'capture_failed';

/** jsonb: written as JSON text, read back parsed by both drivers. */
type Json<T> = ColumnType<T, string, string>;

export interface DiningTables {
  restaurants: {
    id: Generated<number>;
    area_id: string;
    name_ja: string;
    name_en: string;
    cuisine: Cuisine;
    price_band: number;
    address: string;
    description_ja: string;
    description_en: string;
    open_weekdays: number;
    opens_at: string;
    closes_at: string;
    capacity_mode: CapacityMode;
    seats: number | null;
    booking_mode: BookingMode;
    contact_email: string;
    recommendation: Generated<number>;
    created_at: Generated<Date>;
  };
  restaurant_tables: { restaurant_id: number; seats: number; tables: number; min_party: number };
  restaurant_holidays: { restaurant_id: number; holiday: string };
  restaurant_seatings: { id: Generated<number>; restaurant_id: number; starts_at: string; duration_minutes: number };
  restaurant_courses: {
    id: Generated<number>;
    restaurant_id: number;
    name_ja: string;
    name_en: string;
    description_ja: string;
    description_en: string;
    price_per_person: number;
    seat_only: boolean;
    min_party: number;
    max_party: number;
    weekdays: number;
    served_from: string;
    served_until: string;
    advance_days: number;
    cutoff_minutes: number;
    cancel_fees: Json<CancelFeeRule[]>;
    active: Generated<boolean>;
    sort_order: Generated<number>;
  };
  seating_stock: { seating_id: number; service_date: string; table_seats: number; total: number; reserved: number };
  table_reservations: {
    id: Generated<number>;
    code: string;
    status: TableReservationStatus;
    restaurant_id: number;
    course_id: number;
    seating_id: number;
    service_date: string;
    party: number;
    table_seats: number;
    guest_name: string;
    guest_name_latin: string;
    email: string;
    phone: string;
    requests: string;
    member_id: number | null;
    locale: 'ja' | 'en';
    restaurant_name: string;
    course_name: string;
    seating_time: string;
    duration_minutes: number;
    price_per_person: number;
    total_price: number;
    cancel_fees: Json<CancelFeeRule[]>;
    cancel_fee: number | null;
    cancelled_at: Date | null;
    cancelled_by: 'guest' | 'operator' | null;
    created_at: Generated<Date>;
    guarantee_provider: ColumnType<string | null, string | null | undefined, string | null>;
    guarantee_authorisation: ColumnType<string | null, string | null | undefined, string | null>;
    guarantee_amount: ColumnType<number | null, number | null | undefined, number | null>;
    guarantee_status: ColumnType<GuaranteeStatus | null, GuaranteeStatus | null | undefined, GuaranteeStatus | null>;
    card_brand: ColumnType<string | null, string | null | undefined, string | null>;
    card_last4: ColumnType<string | null, string | null | undefined, string | null>;
  };
  restaurant_photos: {
    id: Generated<number>;
    restaurant_id: number;
    /** An image key of packages/images, owned by `restaurant-<restaurant_id>`. */
    image_key: string;
    alt_ja: string;
    alt_en: string;
    position: number;
    created_at: Generated<Date>;
  };
  dining_idempotency: { key: string; request_hash: string; reservation_code: string; created_at: Generated<Date> };
}
