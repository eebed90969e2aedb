import { type RawBuilder, sql } from 'kysely';
import type { Executor } from '@hatago/db';
import { conflict } from '@hatago/platform/errors';
import { checkoutOf, type Stay } from '../stay.ts';
import { CatalogErrors } from '../catalog-errors.ts';

/**
 * The chosen nights of one room type, locked in date order. Every statement that changes
 * room_inventory rows (booking, cancellation, stop-sell, a new total) takes its locks
 * through this one query, so two of them over the same nights wait for each other instead
 * of deadlocking: an UPDATE alone locks rows in whatever order its scan meets them.
 */
export const lockedNights = (roomTypeId: number, nights: RawBuilder<unknown>) => sql<{
  stay_date: string;
  total: number;
  reserved: number;
  stop_sell: boolean;
}>`
  select stay_date, total, reserved, stop_sell from room_inventory
  where room_type_id = ${roomTypeId} and ${nights}
  order by stay_date
  for update`;

const nightsOf = (stay: Pick<Stay, 'checkin' | 'nights'>) =>
  sql`stay_date >= ${stay.checkin}::date and stay_date < ${checkoutOf(stay)}::date`;

/**
 * Takes `rooms` rooms of a type for every night of a stay, or none. Must run inside the
 * caller's transaction. One statement: the nights are locked (a waiting booking then sees
 * the committed counts), judged together, and decremented only if every night can be
 * sold. The table's check constraint is the last line of defence against overbooking.
 */
export async function reserveRooms(trx: Executor, roomTypeId: number, stay: Pick<Stay, 'checkin' | 'nights' | 'rooms'>): Promise<void> {
  const { rows } = await sql<{ stay_date: string }>`
    with nights as (${lockedNights(roomTypeId, nightsOf(stay))}),
    verdict as (
      select count(*) = ${stay.nights}::int and coalesce(bool_and(not stop_sell and total - reserved >= ${stay.rooms}::int), false) as sellable
      from nights
    )
    update room_inventory ri set reserved = ri.reserved + ${stay.rooms}::int
    from nights n, verdict v
    where v.sellable and ri.room_type_id = ${roomTypeId} and ri.stay_date = n.stay_date
    returning ri.stay_date
  `.execute(trx);
  if (rows.length !== stay.nights) throw conflict(CatalogErrors.SOLD_OUT, 'No longer available for every night of this stay');
}

/** Gives back every night a reservation held. Must run inside the caller's transaction. */
export async function releaseRooms(trx: Executor, roomTypeId: number, stay: Pick<Stay, 'checkin' | 'nights' | 'rooms'>): Promise<void> {
  await sql`
    with nights as (${lockedNights(roomTypeId, nightsOf(stay))})
    update room_inventory ri set reserved = ri.reserved - ${stay.rooms}::int
    from nights n
    where ri.room_type_id = ${roomTypeId} and ri.stay_date = n.stay_date
  `.execute(trx);
}
