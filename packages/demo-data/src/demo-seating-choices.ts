import { sql } from 'kysely';
import type { CancelFeeRule } from '@hatago/dining';
import type { Executor } from '@hatago/db';

/** A course the restaurant serves at one of its seatings on an open day: what a guest could have booked. */
export interface SeatingChoice {
  restaurantId: number;
  bookingMode: 'instant' | 'request';
  contactEmail: string;
  restaurantName: { ja: string; en: string };
  date: string;
  seatingId: number;
  time: string;
  durationMinutes: number;
  courseId: number;
  courseName: { ja: string; en: string };
  pricePerPerson: number;
  seatOnly: boolean;
  minParty: number;
  maxParty: number;
  cancelFees: CancelFeeRule[];
}

/** A restaurant's units: its seat pool (table size 0) or its tables by size, each with how many it has. */
export type Units = Array<{ tableSeats: number; minParty: number; count: number }>;

/**
 * Every choice from `from` to `to`, by restaurant, date and seating, courses before bare
 * tables: the restaurant's open weekdays and holidays, each course's days and the hours it
 * is served, as the dining rules judge them (party sizes are the caller's).
 */
export async function seatingChoices(db: Executor, from: string, to: string): Promise<SeatingChoice[]> {
  const { rows } = await sql<SeatingChoice>`
    select r.id as "restaurantId", r.booking_mode as "bookingMode", r.contact_email as "contactEmail",
           json_build_object('ja', r.name_ja, 'en', r.name_en) as "restaurantName", to_char(d, 'YYYY-MM-DD') as date,
           s.id as "seatingId", s.starts_at as time, s.duration_minutes as "durationMinutes",
           c.id as "courseId", json_build_object('ja', c.name_ja, 'en', c.name_en) as "courseName", c.price_per_person as "pricePerPerson",
           c.seat_only as "seatOnly", c.min_party as "minParty", c.max_party as "maxParty", c.cancel_fees as "cancelFees"
    from restaurants r
      cross join generate_series(${from}::date, ${to}::date, interval '1 day') d
      join restaurant_seatings s on s.restaurant_id = r.id
      join restaurant_courses c on c.restaurant_id = r.id and c.active and s.starts_at between c.served_from and c.served_until
    where r.open_weekdays & (1 << (extract(isodow from d)::int - 1)) <> 0
      and c.weekdays & (1 << (extract(isodow from d)::int - 1)) <> 0
      and not exists (select 1 from restaurant_holidays h where h.restaurant_id = r.id and h.holiday = d::date)
    order by r.id, d, s.starts_at, c.seat_only, c.sort_order, c.id`.execute(db);
  return rows;
}

/** Each restaurant's units, keyed by its id. */
export async function restaurantUnits(db: Executor): Promise<Map<number, Units>> {
  const { rows } = await sql<{ restaurant_id: number; table_seats: number; min_party: number; count: number }>`
    select id as restaurant_id, 0 as table_seats, 1 as min_party, seats as count from restaurants where seats is not null
    union all
    select restaurant_id, seats, min_party, tables from restaurant_tables
    order by restaurant_id, table_seats`.execute(db);
  const units = new Map<number, Units>();
  for (const r of rows) units.set(r.restaurant_id, [...(units.get(r.restaurant_id) ?? []), { tableSeats: r.table_seats, minParty: r.min_party, count: r.count }]);
  return units;
}
