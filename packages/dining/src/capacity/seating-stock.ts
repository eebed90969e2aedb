import { sql } from 'kysely';
import type { Executor } from '@hatago/db';
import { conflict } from '@hatago/platform/errors';
import { unitFor } from '../availability/booking-rules.ts';
import { DiningErrors } from '../dining-errors.ts';

export interface SeatingDate {
  restaurantId: number;
  seatingId: number;
  date: string;
}

/** What one booking holds in a unit: the whole table, or one seat per guest from the pool. */
const heldBy = (tableSeats: number, party: number) => (tableSeats === 0 ? party : 1);

/**
 * Takes the capacity a party needs at one seating on one date, or throws SEATING_FULL. Must
 * run inside the caller's transaction. The seating's stock rows are created from the
 * restaurant's room on its first booking (a concurrent first booking waits on the same
 * keys, then finds them), then locked in table-size order, so concurrent bookings queue on
 * them and each judges the counts the one before committed. The check constraint on
 * seating_stock is the last line of defence. Returns the table size taken (0: seats).
 */
export async function takeSeats(trx: Executor, at: SeatingDate, party: number): Promise<number> {
  await sql`
    insert into seating_stock (seating_id, service_date, table_seats, total)
    select ${at.seatingId}::int, ${at.date}::date, 0, r.seats from restaurants r where r.id = ${at.restaurantId} and r.seats is not null
    union all
    select ${at.seatingId}::int, ${at.date}::date, t.seats, t.tables from restaurant_tables t where t.restaurant_id = ${at.restaurantId}
    on conflict do nothing
  `.execute(trx);
  const { rows } = await sql<{ table_seats: number; free: number; min_party: number | null }>`
    select s.table_seats, s.total - s.reserved as free, t.min_party
    from seating_stock s
    left join restaurant_tables t on t.restaurant_id = ${at.restaurantId} and t.seats = s.table_seats
    where s.seating_id = ${at.seatingId}::int and s.service_date = ${at.date}::date
    order by s.table_seats
    for update of s
  `.execute(trx);
  const unit = unitFor(
    rows.map((r) => ({ tableSeats: r.table_seats, minParty: r.min_party ?? 1, free: Number(r.free) })),
    party,
  );
  if (!unit) throw conflict(DiningErrors.SEATING_FULL, 'This seating can no longer take a party of this size');
  await sql`
    update seating_stock set reserved = reserved + ${heldBy(unit.tableSeats, party)}::int
    where seating_id = ${at.seatingId} and service_date = ${at.date}::date and table_seats = ${unit.tableSeats}
  `.execute(trx);
  return unit.tableSeats;
}

/** Gives back what a reservation held. Must run inside the caller's transaction, which holds the reservation's row lock. */
export async function releaseSeats(trx: Executor, at: Omit<SeatingDate, 'restaurantId'>, tableSeats: number, party: number): Promise<void> {
  await sql`
    update seating_stock set reserved = reserved - ${heldBy(tableSeats, party)}::int
    where seating_id = ${at.seatingId} and service_date = ${at.date}::date and table_seats = ${tableSeats}
  `.execute(trx);
}
