import type { Selectable } from 'kysely';
import type { DiningTables, GuaranteeStatus, TableReservationStatus } from '../dining-tables.ts';
import type { CancelFeeRule } from '../restaurants/restaurant.ts';

export interface TableReservation {
  code: string;
  status: TableReservationStatus;
  restaurantId: number;
  restaurantName: string;
  courseId: number;
  courseName: string;
  seatingId: number;
  date: string;
  time: string;
  durationMinutes: number;
  party: number;
  /** The table size held, or 0 when seats were taken from the pool. */
  tableSeats: number;
  guest: { name: string; nameLatin: string; email: string; phone: string };
  requests: string;
  memberId: number | null;
  locale: 'ja' | 'en';
  pricePerPerson: number;
  totalPrice: number;
  cancelFees: CancelFeeRule[];
  cancelFee: number | null;
  cancelledAt: string | null;
  cancelledBy: 'guest' | 'operator' | null;
  createdAt: string;
  /** The card guarantee held for a no-show, named as its holder knows the card; null when none was taken. */
  guarantee: { brand: string; last4: string; amount: number; status: GuaranteeStatus } | null;
}

export type TableReservationRow = Selectable<DiningTables['table_reservations']>;

/** Whether it still holds its seats: a cancelled or declined reservation holds nothing. */
export const holdsSeats = (status: TableReservationStatus): boolean => status === 'confirmed' || status === 'requested';

export function toTableReservation(row: TableReservationRow): TableReservation {
  return {
    code: row.code,
    status: row.status,
    restaurantId: row.restaurant_id,
    restaurantName: row.restaurant_name,
    courseId: row.course_id,
    courseName: row.course_name,
    seatingId: row.seating_id,
    date: row.service_date,
    time: row.seating_time,
    durationMinutes: row.duration_minutes,
    party: row.party,
    tableSeats: row.table_seats,
    guest: { name: row.guest_name, nameLatin: row.guest_name_latin, email: row.email, phone: row.phone },
    requests: row.requests,
    memberId: row.member_id === null ? null : Number(row.member_id),
    locale: row.locale,
    pricePerPerson: row.price_per_person,
    totalPrice: row.total_price,
    cancelFees: row.cancel_fees,
    cancelFee: row.cancel_fee,
    cancelledAt: row.cancelled_at ? new Date(row.cancelled_at).toISOString() : null,
    cancelledBy: row.cancelled_by,
    createdAt: new Date(row.created_at).toISOString(),
    guarantee:
      row.guarantee_status && row.card_last4
        ? { brand: row.card_brand ?? 'other', last4: row.card_last4, amount: row.guarantee_amount ?? 0, status: row.guarantee_status }
        : null,
  };
}
