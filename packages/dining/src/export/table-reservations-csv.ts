import { checkExportSize, type CsvColumns, MAX_EXPORT_ROWS, recordsToCsv } from '@hatago/booking';
import type { Executor } from '@hatago/db';
import { searchTableReservations, type TableReservationFilter } from '../queries/table-reservation-queries.ts';
import type { TableReservation } from '../reservations/table-reservation.ts';

const COLUMNS: CsvColumns<TableReservation> = [
  ['Code', (r) => r.code],
  ['Status', (r) => r.status],
  ['Date', (r) => r.date],
  ['Seating', (r) => r.time],
  ['Minutes', (r) => r.durationMinutes],
  ['Party', (r) => r.party],
  ['Table for', (r) => (r.tableSeats === 0 ? null : r.tableSeats)],
  ['Guest name', (r) => r.guest.name],
  ['Guest name (Latin)', (r) => r.guest.nameLatin],
  ['Email', (r) => r.guest.email],
  ['Phone', (r) => r.guest.phone],
  ['Course', (r) => r.courseName],
  ['Requests', (r) => r.requests],
  ['Total (JPY)', (r) => r.totalPrice],
  ['Cancellation fee (JPY)', (r) => r.cancelFee],
  ['Booked at (UTC)', (r) => r.createdAt],
  ['Cancelled at (UTC)', (r) => r.cancelledAt],
];

/** Every table reservation the filter matches, as the hotels' export builds its document, with the same limit. */
export async function exportTableReservationsCsv(db: Executor, filter: Omit<TableReservationFilter, 'page' | 'pageSize'>): Promise<{ csv: string; rows: number }> {
  const { items, total } = await searchTableReservations(db, { ...filter, page: 1, pageSize: MAX_EXPORT_ROWS });
  checkExportSize(total);
  return { csv: recordsToCsv(COLUMNS, items), rows: items.length };
}
