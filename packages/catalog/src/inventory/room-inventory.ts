import { sql } from 'kysely';
import type { Executor } from '@hatago/db';
import { conflict } from '@hatago/platform/errors';
import { checkoutOf, type Stay } from '../stay.ts';

/**
 * Takes `rooms` rooms of a type for every night of a stay, or none. Must run inside the
 * caller's transaction: the nights are locked in date order (so two multi-night bookings
 * cannot deadlock), checked, then decremented; the table's check constraint is the last
 * line of defence against overbooking.
 */
export async function reserveRooms(trx: Executor, roomTypeId: number, stay: Pick<Stay, 'checkin' | 'nights' | 'rooms'>): Promise<void> {
  const checkout = checkoutOf(stay);
  const { rows } = await sql<{ stay_date: string; free: number; stop_sell: boolean }>`
    select stay_date, total - reserved as free, stop_sell
    from room_inventory
    where room_type_id = ${roomTypeId} and stay_date >= ${stay.checkin}::date and stay_date < ${checkout}::date
    order by stay_date
    for update
  `.execute(trx);
  const soldOut = rows.length !== stay.nights || rows.some((night) => night.stop_sell || night.free < stay.rooms);
  if (soldOut) throw conflict('SOLD_OUT', 'No longer available for every night of this stay');
  await sql`
    update room_inventory set reserved = reserved + ${stay.rooms}::int
    where room_type_id = ${roomTypeId} and stay_date >= ${stay.checkin}::date and stay_date < ${checkout}::date
  `.execute(trx);
}

/** Gives back every night a reservation held. */
export async function releaseRooms(trx: Executor, roomTypeId: number, stay: Pick<Stay, 'checkin' | 'nights' | 'rooms'>): Promise<void> {
  await sql`
    update room_inventory set reserved = reserved - ${stay.rooms}::int
    where room_type_id = ${roomTypeId} and stay_date >= ${stay.checkin}::date and stay_date < ${checkoutOf(stay)}::date
  `.execute(trx);
}
