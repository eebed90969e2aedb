import type { Selectable } from 'kysely';
import { addDays } from '@hatago/platform/time';
import type { BookingTables, ReservationStatus } from '../booking-tables.ts';

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
  guests: number;
  rooms: number;
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
  createdAt: string;
}

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
    rooms: row.rooms,
    guest: { name: row.guest_name, nameLatin: row.guest_name_latin, email: row.email, phone: row.phone },
    memberId: row.member_id === null ? null : Number(row.member_id),
    locale: row.locale,
    totalPrice: row.total_price,
    accommodationTax: row.accommodation_tax,
    cancellationPolicy: { freeCancelDays: row.free_cancel_days, feePercent: row.cancel_fee_percent },
    cancelFee: row.cancel_fee,
    cancelledAt: row.cancelled_at ? new Date(row.cancelled_at).toISOString() : null,
    cancelledBy: row.cancelled_by,
    createdAt: new Date(row.created_at).toISOString(),
  };
}
