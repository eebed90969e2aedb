import type { Generated } from 'kysely';

export type ReservationStatus = 'confirmed' | 'cancelled';

export interface BookingTables {
  reservations: {
    id: Generated<number>;
    code: string;
    status: ReservationStatus;
    hotel_id: number;
    room_type_id: number;
    plan_id: number;
    checkin: string;
    nights: number;
    guests: number;
    rooms: number;
    guest_name: string;
    guest_name_latin: string;
    email: string;
    phone: string;
    member_id: number | null;
    locale: Generated<'ja' | 'en'>;
    total_price: number;
    /** Collected by the hotel, never part of total_price; null when booked before it was recorded. */
    accommodation_tax: number | null;
    hotel_name: string;
    room_type_name: string;
    plan_name: string;
    meals: string;
    free_cancel_days: number;
    cancel_fee_percent: number;
    cancel_fee: number | null;
    cancelled_at: Date | null;
    cancelled_by: 'guest' | 'operator' | null;
    created_at: Generated<Date>;
  };
  reservation_nights: { reservation_id: number; stay_date: string; price: number };
  booking_idempotency: {
    key: string;
    request_hash: string;
    reservation_code: string;
    created_at: Generated<Date>;
  };
}
