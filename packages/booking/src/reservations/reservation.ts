import type { Selectable } from 'kysely';
import { addDays } from '@hatago/platform/time';
import type { BookingTables, ReservationStatus } from '../booking-tables.ts';

/**
 * How a stay is paid: at the hotel, or held by a card guarantee named as its holder knows
 * the card (`amount` held), then settled: `charged` yen (0 when let go) at `settledAt`.
 */
export type StayPayment =
  | { kind: 'at_hotel' }
  | {
      kind: 'guarantee';
      brand: string;
      last4: string;
      amount: number;
      status: GuaranteeStatus;
      charged: number | null;
      settledAt: string | null;
    };

export type GuaranteeStatus = NonNullable<BookingTables['reservations']['guarantee_status']>;

export interface Reservation {
  code: string;
  status: ReservationStatus;
  hotelId: number;
  hotelName: string;
  roomTypeId: number;
  roomTypeName: string;
  planId: number;
  planName: string;
  meals: string;
  checkin: string;
  checkout: string;
  nights: number;
  /** The whole party, children included: what the rooms' capacity is judged by. */
  guests: number;
  adults: number;
  children: number;
  rooms: number;
  /** HH:MM, Japan time; null when the guest did not say. */
  arrivalTime: string | null;
  /** The guest's special requests to the front desk; null when none. */
  requests: string | null;
  /** When the guest accepted the terms and privacy policy; null for stays booked before it was recorded. */
  termsAcceptedAt: string | null;
  payment: StayPayment;
  guest: { name: string; nameLatin: string; email: string; phone: string };
  memberId: number | null;
  locale: 'ja' | 'en';
  /** Room, service charge and consumption tax: what the guest is charged for the stay. */
  totalPrice: number;
  /** Paid at the hotel on top of totalPrice, as quoted at booking; null when booked before it was recorded. */
  accommodationTax: number | null;
  cancellationPolicy: { freeCancelDays: number; feePercent: number };
  cancelFee: number | null;
  cancelledAt: string | null;
  cancelledBy: 'guest' | 'operator' | null;
  /** Percent of totalPrice a no-show is charged, frozen with the booking's other terms. */
  noShowFeePercent: number;
  /** Charged when the front desk marked the guest a no-show; null otherwise. */
  noShowFee: number | null;
  checkedInAt: string | null;
  checkedOutAt: string | null;
  noShowAt: string | null;
  /** Bumped by every modification (see modifyReservation). */
  version: number;
  createdAt: string;
}

const instant = (value: Date | null) => (value ? new Date(value).toISOString() : null);

export type ReservationRow = Selectable<BookingTables['reservations']>;

export function toReservation(row: ReservationRow): Reservation {
  return {
    code: row.code,
    status: row.status,
    hotelId: row.hotel_id,
    hotelName: row.hotel_name,
    roomTypeId: row.room_type_id,
    roomTypeName: row.room_type_name,
    planId: row.plan_id,
    planName: row.plan_name,
    meals: row.meals,
    checkin: row.checkin,
    checkout: addDays(row.checkin, row.nights),
    nights: row.nights,
    guests: row.guests,
    adults: row.guests - row.children,
    children: row.children,
    rooms: row.rooms,
    arrivalTime: row.arrival_time,
    requests: row.requests,
    termsAcceptedAt: instant(row.terms_accepted_at),
    payment:
      row.guarantee_status && row.card_last4
        ? {
            kind: 'guarantee',
            brand: row.card_brand ?? 'other',
            last4: row.card_last4,
            amount: row.guarantee_amount ?? 0,
            status: row.guarantee_status,
            charged: row.guarantee_charged,
            settledAt: instant(row.guarantee_settled_at),
          }
        : { kind: 'at_hotel' },
    guest: { name: row.guest_name, nameLatin: row.guest_name_latin, email: row.email, phone: row.phone },
    memberId: row.member_id === null ? null : Number(row.member_id),
    locale: row.locale,
    totalPrice: row.total_price,
    accommodationTax: row.accommodation_tax,
    cancellationPolicy: { freeCancelDays: row.free_cancel_days, feePercent: row.cancel_fee_percent },
    cancelFee: row.cancel_fee,
    cancelledAt: instant(row.cancelled_at),
    cancelledBy: row.cancelled_by,
    noShowFeePercent: row.no_show_fee_percent,
    noShowFee: row.no_show_fee,
    checkedInAt: instant(row.checked_in_at),
    checkedOutAt: instant(row.checked_out_at),
    noShowAt: instant(row.no_show_at),
    version: row.version,
    createdAt: new Date(row.created_at).toISOString(),
  };
}
