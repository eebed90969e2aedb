import { sql } from 'kysely';
import type { Executor } from '@hatago/db';
import { conflict } from '@hatago/platform/errors';
import { checkoutOf, type Stay } from '../stay.ts';

/**
 * Takes `rooms` rooms of a type for every night of a stay, or none. Must run inside the
 * caller's transaction. One statement: the nights are locked in date order (so two
 * multi-night bookings cannot deadlock; a waiting booking then sees the committed
 * counts), judged together, and decremented only if every night can be sold. The table's
 * check constraint is the last line of defence against overbooking.
 */
export async function reserveRooms(trx: Executor, roomTypeId: number, stay: Pick<Stay, 'checkin' | 'nights' | 'rooms'>): Promise<void> {
  const { rows } = await sql<{ stay_date: string }>`
    with nights as (
      select stay_date, total - reserved as free, stop_sell
      from room_inventory
      where room_type_id = ${roomTypeId} and stay_date >= ${stay.checkin}::date and stay_date < ${checkoutOf(stay)}::date
      order by stay_date
      for update
    ), verdict as (
      select count(*) = ${stay.nights}::int and coalesce(bool_and(not stop_sell and free >= ${stay.rooms}::int), false) as sellable
      from nights
    )
    update room_inventory ri set reserved = ri.reserved + ${stay.rooms}::int
    from nights n, verdict v
    where v.sellable and ri.room_type_id = ${roomTypeId} and ri.stay_date = n.stay_date
    returning ri.stay_date
  `.execute(trx);
  if (rows.length !== stay.nights) throw conflict('SOLD_OUT', 'No longer available for every night of this stay');
}

/** Gives back every night a reservation held. */
export async function releaseRooms(trx: Executor, roomTypeId: number, stay: Pick<Stay, 'checkin' | 'nights' | 'rooms'>): Promise<void> {
  await sql`
    update room_inventory set reserved = reserved - ${stay.rooms}::int
    where room_type_id = ${roomTypeId} and stay_date >= ${stay.checkin}::date and stay_date < ${checkoutOf(stay)}::date
  `.execute(trx);
}
