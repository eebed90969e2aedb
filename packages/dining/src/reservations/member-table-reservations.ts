import { normaliseReservationCode } from '@hatago/booking';
import { type Executor, tablesOf } from '@hatago/db';
import { notFound } from '@hatago/platform/errors';
import { DiningErrors } from '../dining-errors.ts';
import type { DiningTables } from '../dining-tables.ts';
import { type TableReservation, toTableReservation } from './table-reservation.ts';

/** A table reservation by its code alone, for callers that check who may see it (a member's own, the confirmation). */
export async function getTableReservationByCode(db: Executor, codeInput: unknown): Promise<TableReservation> {
  const code = normaliseReservationCode(codeInput, 'table');
  const row = code ? await tablesOf<DiningTables>(db).selectFrom('table_reservations').selectAll().where('code', '=', code).executeTakeFirst() : undefined;
  if (!row) throw notFound(DiningErrors.TABLE_RESERVATION_NOT_FOUND, `No reservation ${String(codeInput)}`);
  return toTableReservation(row);
}

/** A member's table reservations, latest meal first, as booking lists their stays. */
export async function listMemberTableReservations(db: Executor, memberId: number): Promise<TableReservation[]> {
  const rows = await tablesOf<DiningTables>(db)
    .selectFrom('table_reservations')
    .selectAll()
    .where('member_id', '=', memberId)
    .orderBy('service_date', 'desc')
    .orderBy('id', 'desc')
    .limit(200)
    .execute();
  return rows.map(toTableReservation);
}
