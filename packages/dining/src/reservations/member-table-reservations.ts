import { type Executor, tablesOf } from '@hatago/db';
import type { DiningTables } from '../dining-tables.ts';
import { type TableReservation, toTableReservation } from './table-reservation.ts';

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
