import { normaliseReservationCode } from '@hatago/booking';
import { type Executor, tablesOf } from '@hatago/db';
import { notFound } from '@hatago/platform/errors';
import { DiningErrors } from '../dining-errors.ts';
import type { DiningTables } from '../dining-tables.ts';
import { type TableReservation, toTableReservation } from './table-reservation.ts';

/**
 * A guest's own look-up: both the code and the email must match, so codes cannot be probed.
 * The shared `GET /reservations/{code}` will send `RS` codes here and `HT` codes to booking.
 */
export async function findTableReservationForGuest(db: Executor, codeInput: unknown, email: unknown): Promise<TableReservation> {
  const code = normaliseReservationCode(codeInput, 'table');
  const row =
    code && typeof email === 'string'
      ? await tablesOf<DiningTables>(db)
          .selectFrom('table_reservations')
          .selectAll()
          .where('code', '=', code)
          .where((eb) => eb(eb.fn('lower', ['email']), '=', email.trim().toLowerCase()))
          .executeTakeFirst()
      : undefined;
  if (!row) throw notFound(DiningErrors.TABLE_RESERVATION_NOT_FOUND, 'No reservation matches this code and email');
  return toTableReservation(row);
}
