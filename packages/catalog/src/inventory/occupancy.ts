import { sql } from 'kysely';
import type { Executor } from '@hatago/db';

/** One night of a hotel: rooms sold out of the rooms in its inventory, and of those the ones on stop-sell. */
export interface NightOccupancy {
  date: string;
  sold: number;
  total: number;
  /** Rooms not sold on a room type closed to sale that night. */
  stopSold: number;
}

export const OCCUPANCY_DAYS = 30;

/**
 * A hotel's occupancy for `days` nights from `from`, in one query over its room types'
 * inventory (room_types_hotel_idx, then room_inventory's primary key by date range). A
 * night without inventory counts 0 of 0, so the series has every night.
 */
export async function hotelOccupancy(db: Executor, hotelId: number, from: string, days = OCCUPANCY_DAYS): Promise<NightOccupancy[]> {
  const { rows } = await sql<{ date: string; sold: number; total: number; stop_sold: number }>`
    with nights as (
      select ri.stay_date, sum(ri.reserved)::int as sold, sum(ri.total)::int as total,
             coalesce(sum(ri.total - ri.reserved) filter (where ri.stop_sell), 0)::int as stop_sold
      from room_inventory ri
      where ri.room_type_id in (select id from room_types where hotel_id = ${hotelId})
        and ri.stay_date between ${from}::date and ${from}::date + ${days - 1}::int
      group by ri.stay_date
    )
    select to_char(d, 'YYYY-MM-DD') as date, coalesce(n.sold, 0) as sold, coalesce(n.total, 0) as total, coalesce(n.stop_sold, 0) as stop_sold
    from generate_series(${from}::date, ${from}::date + ${days - 1}::int, interval '1 day') as d
      left join nights n on n.stay_date = d::date
    order by d
  `.execute(db);
  return rows.map((r) => ({ date: r.date, sold: r.sold, total: r.total, stopSold: r.stop_sold }));
}
