import { type RawBuilder, sql } from 'kysely';
import type { Executor } from '@hatago/db';
import { conflict } from '@hatago/platform/errors';
import { addDays } from '@hatago/platform/time';
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

/** What one reservation holds: `rooms` rooms of a type on each night of a stay. */
export interface HeldRooms {
  roomTypeId: number;
  stay: Pick<Stay, 'checkin' | 'nights' | 'rooms'>;
}

/** Per room type and night, how many rooms `to` holds more than `from` (negative: fewer); nights that stay the same are left out. */
function heldDifference(from: HeldRooms, to: HeldRooms): Array<{ roomTypeId: number; date: string; delta: number }> {
  const deltas = new Map<string, { roomTypeId: number; date: string; delta: number }>();
  const add = ({ roomTypeId, stay }: HeldRooms, sign: number) => {
    for (let i = 0; i < stay.nights; i++) {
      const date = addDays(stay.checkin, i);
      const key = `${roomTypeId}|${date}`;
      const entry = deltas.get(key) ?? { roomTypeId, date, delta: 0 };
      entry.delta += sign * stay.rooms;
      deltas.set(key, entry);
    }
  };
  add(from, -1);
  add(to, +1);
  return [...deltas.values()].filter((d) => d.delta !== 0);
}

/**
 * Moves what a reservation holds from one stay to another in one statement, inside the
 * caller's transaction: a night both hold changes only by the difference in rooms, so a
 * longer stay in a full hotel keeps the nights it already has. Every night concerned, of
 * either room type, is locked in (room type, date) order, the one order every booking and
 * every other move also takes, so concurrent moves wait for each other instead of
 * deadlocking. Nothing changes unless every night gaining rooms can sell them (SOLD_OUT).
 */
export async function moveRooms(trx: Executor, from: HeldRooms, to: HeldRooms): Promise<void> {
  const deltas = heldDifference(from, to);
  if (deltas.length === 0) return;
  const wanted = sql.join(deltas.map((d) => sql`(${d.roomTypeId}::int, ${d.date}::date, ${d.delta}::int)`));
  const { rows } = await sql<{ stay_date: string }>`
    with wanted (room_type_id, stay_date, delta) as (values ${wanted}),
    nights as (
      select ri.room_type_id, ri.stay_date, ri.total, ri.reserved, ri.stop_sell, w.delta
      from room_inventory ri join wanted w on w.room_type_id = ri.room_type_id and w.stay_date = ri.stay_date
      order by ri.room_type_id, ri.stay_date
      for update of ri
    ),
    verdict as (
      select count(*) = ${deltas.length}::int
             and coalesce(bool_and(delta < 0 or (not stop_sell and total - reserved >= delta)), false) as sellable
      from nights
    )
    update room_inventory ri set reserved = ri.reserved + n.delta
    from nights n, verdict v
    where v.sellable and ri.room_type_id = n.room_type_id and ri.stay_date = n.stay_date
    returning ri.stay_date
  `.execute(trx);
  if (rows.length !== deltas.length) throw conflict(CatalogErrors.SOLD_OUT, 'No longer available for every night of the new stay');
}
