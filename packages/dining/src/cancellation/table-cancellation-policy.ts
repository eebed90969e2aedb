import { seatingInstant } from '../restaurants/restaurant.ts';
import { holdsSeats, type TableReservation } from '../reservations/table-reservation.ts';

export interface TableCancellationTerms {
  /** Whether a guest may still cancel online (an operator always may). */
  allowed: boolean;
  fee: number;
  refund: number;
  reason?: 'ALREADY_CANCELLED' | 'SEATING_STARTED';
}

/**
 * The course's fees, frozen on the reservation: cancelling within `withinHours` of the
 * seating costs `percent` of the total (whole yen, rounded down), the highest rule in force
 * applying. A request the restaurant has not accepted yet costs nothing to withdraw. Guests
 * can cancel until the seating starts; after that only an operator can.
 */
export function tableCancellationTerms(reservation: TableReservation, now: Date): TableCancellationTerms {
  const hoursBefore = (seatingInstant(reservation.date, reservation.time).getTime() - now.getTime()) / 3_600_000;
  const percent = Math.max(0, ...reservation.cancelFees.filter((rule) => hoursBefore < rule.withinHours).map((rule) => rule.percent));
  const fee = reservation.status === 'requested' ? 0 : Math.floor((reservation.totalPrice * percent) / 100);
  const base = { fee, refund: reservation.totalPrice - fee };
  if (!holdsSeats(reservation.status)) return { ...base, allowed: false, reason: 'ALREADY_CANCELLED' };
  if (hoursBefore <= 0) return { ...base, allowed: false, reason: 'SEATING_STARTED' };
  return { ...base, allowed: true };
}
