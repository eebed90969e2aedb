import type { Generated } from 'kysely';

/** Confirmed until the front desk checks the guest in (then out) or marks a no-show; cancelled before. In the order staff meet them. */
export const RESERVATION_STATUSES = ['confirmed', 'checked_in', 'checked_out', 'no_show', 'cancelled'] as const;
export type ReservationStatus = (typeof RESERVATION_STATUSES)[number];

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
    /** Bumped by every modification: what a modify form was shown, to tell a retry from a change over another's. */
    version: Generated<number>;
    no_show_fee_percent: Generated<number>;
    no_show_fee: Generated<number | null>;
    checked_in_at: Generated<Date | null>;
    checked_out_at: Generated<Date | null>;
    no_show_at: Generated<Date | null>;
    /** Of `guests` (the whole party), how many are children. */
    children: Generated<number>;
    /** HH:MM, Japan time, as the guest expects to arrive; null when not said. */
    arrival_time: string | null;
    requests: string | null;
    guarantee_provider: string | null;
    guarantee_authorisation: string | null;
    guarantee_amount: number | null;
    guarantee_status: 'authorised' | 'captured' | 'released' | 'capture_failed' | null;
    card_brand: string | null;
    card_last4: string | null;
    /** Yen charged when the guarantee was settled (0 when let go or refused); null while held. */
    guarantee_charged: Generated<number | null>;
    /** The provider's id of the charge; null unless one was made. */
    guarantee_reference: Generated<string | null>;
    guarantee_settled_at: Generated<Date | null>;
    /** When the guest accepted the terms and privacy policy; null for stays booked before it was recorded. */
    terms_accepted_at: Generated<Date | null>;
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
