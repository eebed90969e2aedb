import { sql } from 'kysely';
import type { Stay } from '../stay.ts';

/** Rooms holding the same number of guests. */
export interface RoomShare {
  guests: number;
  rooms: number;
}

/**
 * How a party fills its rooms, as a front desk assigns them: as evenly as it goes, the
 * guests left over one to a room. 5 guests in 2 rooms: one room of 3 and one of 2. The whole
 * party counts, children included, as the rooms' capacity counts them: the stay is priced
 * for those who sleep in the room.
 */
export function roomSharesOf(stay: Pick<Stay, 'guests' | 'rooms'>): RoomShare[] {
  const base = Math.floor(stay.guests / stay.rooms);
  const fuller = stay.guests % stay.rooms;
  return [
    { guests: base + 1, rooms: fuller },
    { guests: base, rooms: stay.rooms - fuller },
  ].filter((share) => share.rooms > 0 && share.guests > 0);
}

/** One room's price for `guests` on a `plan_prices` row: its price for that count, else its single price. */
const roomPriceFor = (alias: string, guests: number) =>
  sql<number>`coalesce(${sql.ref(`${alias}.occupancy_prices`)}[${guests}::int], ${sql.ref(`${alias}.price`)})`;

/**
 * SQL for one night of a `plan_prices` row, for a party: what one room costs at the party's
 * fullest share (`room`) and what every room costs together (`rooms`, the night's charge).
 * The one place the rule lives for search, hotel pages and quotes alike.
 */
export function partyNightPrice(stay: Pick<Stay, 'guests' | 'rooms'>, alias = 'pp') {
  const shares = roomSharesOf(stay);
  return {
    room: roomPriceFor(alias, shares[0]!.guests),
    rooms: sql<number>`(${sql.join(
      shares.map((s) => sql`${s.rooms}::int * ${roomPriceFor(alias, s.guests)}`),
      sql` + `,
    )})`,
  };
}
