import { sql } from 'kysely';
import { normaliseReservationCode, type ReservationFilter, type ReservationStatus } from '@hatago/booking';
import { type Executor, tablesOf } from '@hatago/db';
import { notFound } from '@hatago/platform/errors';
import { normalisePersonName } from '@hatago/platform/input';
import { DiningErrors } from '../dining-errors.ts';
import type { DiningTables, TableReservationStatus } from '../dining-tables.ts';
import { type TableReservation, toTableReservation } from '../reservations/table-reservation.ts';

/**
 * The staff filter hotels use (so one form serves both), read for tables: `checkinFrom` and
 * `checkinTo` bound the service date. Restaurant staff are bound to their restaurant.
 */
export type TableReservationFilter = Omit<ReservationFilter, 'hotelId' | 'status'> & {
  restaurantId?: number;
  status?: TableReservationStatus;
};

/** The statuses stays and tables share: those a restaurant's list offers in the hotels' one filter form. */
export const TABLE_FILTER_STATUSES = ['confirmed', 'cancelled'] as const satisfies readonly (ReservationStatus & TableReservationStatus)[];
type SharedStatus = (typeof TABLE_FILTER_STATUSES)[number];
const isShared = (status: ReservationStatus): status is SharedStatus => (TABLE_FILTER_STATUSES as readonly string[]).includes(status);

/**
 * The stays' filter read for tables, where one search covers both (the operator's): a status
 * only stays have, a front desk step, matches no table, so there is nothing to search (null).
 */
export function tableFilterOf({ hotelId: _hotel, status, ...filter }: ReservationFilter): TableReservationFilter | null {
  if (status === undefined) return filter;
  return isShared(status) ? { ...filter, status } : null;
}

/**
 * Requests waiting for the restaurant's answer first (oldest first: the guest has waited
 * longest), then the rest, latest service date first.
 */
export async function searchTableReservations(db: Executor, filter: TableReservationFilter): Promise<{ items: TableReservation[]; total: number }> {
  let query = tablesOf<DiningTables>(db).selectFrom('table_reservations');
  if (filter.restaurantId !== undefined) query = query.where('restaurant_id', '=', filter.restaurantId);
  if (filter.code) query = query.where('code', '=', normaliseReservationCode(filter.code, 'table') ?? filter.code.trim().toUpperCase());
  if (filter.email) query = query.where((eb) => eb(eb.fn('lower', ['email']), '=', filter.email!.trim().toLowerCase()));
  if (filter.name) {
    const pattern = `%${normalisePersonName(filter.name).replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    query = query.where((eb) => eb.or([eb('guest_name', 'ilike', pattern), eb('guest_name_latin', 'ilike', pattern)]));
  }
  if (filter.checkinFrom) query = query.where('service_date', '>=', filter.checkinFrom);
  if (filter.checkinTo) query = query.where('service_date', '<=', filter.checkinTo);
  if (filter.status) query = query.where('status', '=', filter.status);
  const [rows, count] = await Promise.all([
    query
      .selectAll()
      .orderBy(sql`status = 'requested'`, 'desc')
      .orderBy(sql`case when status = 'requested' then created_at end`)
      .orderBy('service_date', 'desc')
      .orderBy('seating_time')
      .orderBy('id', 'desc')
      .limit(filter.pageSize)
      .offset((filter.page - 1) * filter.pageSize)
      .execute(),
    query.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { items: rows.map(toTableReservation), total: Number(count.n) };
}

/**
 * A table reservation by its code alone, for callers that check who may see it (a member's
 * own, the confirmation, operators); restaurant staff pass their restaurant as the scope.
 */
export async function getTableReservationByCode(db: Executor, codeInput: unknown, scope: { restaurantId?: number } = {}): Promise<TableReservation> {
  const code = normaliseReservationCode(codeInput, 'table');
  let query = tablesOf<DiningTables>(db).selectFrom('table_reservations').selectAll().where('code', '=', code ?? '');
  if (scope.restaurantId !== undefined) query = query.where('restaurant_id', '=', scope.restaurantId);
  const row = code ? await query.executeTakeFirst() : undefined;
  if (!row) throw notFound(DiningErrors.TABLE_RESERVATION_NOT_FOUND, `No reservation ${String(codeInput)}`);
  return toTableReservation(row);
}
