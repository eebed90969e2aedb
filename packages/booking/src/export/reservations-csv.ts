import type { Executor } from '@hatago/db';
import { invalid } from '@hatago/platform/errors';
import { type ReservationFilter, searchReservations } from '../queries/reservation-queries.ts';
import type { Reservation } from '../reservations/reservation.ts';
import { type CsvColumns, recordsToCsv } from './csv.ts';
import { BookingErrors } from '../booking-errors.ts';

/** One export stays small enough to build in memory and open in a spreadsheet. */
export const MAX_EXPORT_ROWS = 20_000;

const COLUMNS: CsvColumns<Reservation> = [
  ['Code', (r) => r.code],
  ['Status', (r) => r.status],
  ['Check-in', (r) => r.checkin],
  ['Check-out', (r) => r.checkout],
  ['Nights', (r) => r.nights],
  ['Rooms', (r) => r.rooms],
  ['Guests', (r) => r.guests],
  ['Guest name', (r) => r.guest.name],
  ['Guest name (Latin)', (r) => r.guest.nameLatin],
  ['Email', (r) => r.guest.email],
  ['Phone', (r) => r.guest.phone],
  ['Room type', (r) => r.roomTypeName],
  ['Plan', (r) => r.planName],
  ['Meals', (r) => r.meals],
  ['Total (JPY)', (r) => r.totalPrice],
  ['Cancellation fee (JPY)', (r) => r.cancelFee],
  ['Booked at (UTC)', (r) => r.createdAt],
  ['Cancelled at (UTC)', (r) => r.cancelledAt],
];

export const reservationsToCsv = (reservations: Reservation[]): string => recordsToCsv(COLUMNS, reservations);

/** Refuses an export past MAX_EXPORT_ROWS, naming the count, so staff narrow the filter. */
export function checkExportSize(total: number): void {
  if (total > MAX_EXPORT_ROWS) {
    throw invalid(BookingErrors.EXPORT_TOO_LARGE, [
      { field: 'form', message: `${total} reservations match; narrow the filter to at most ${MAX_EXPORT_ROWS} per export` },
    ]);
  }
}

/**
 * Every reservation the filter matches, as a CSV document, in the order staff see them
 * listed. One query, not page by page: bookings arriving between pages would shift the
 * offsets and repeat or skip rows.
 */
export async function exportReservationsCsv(
  db: Executor,
  filter: Omit<ReservationFilter, 'page' | 'pageSize'>,
): Promise<{ csv: string; rows: number }> {
  const { items, total } = await searchReservations(db, { ...filter, page: 1, pageSize: MAX_EXPORT_ROWS });
  checkExportSize(total);
  return { csv: reservationsToCsv(items), rows: items.length };
}
