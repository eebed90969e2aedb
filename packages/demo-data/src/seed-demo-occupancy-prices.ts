import { sql } from 'kysely';
import type { Executor } from '@hatago/db';

/** One room's price per number of guests, percent of the night's single price (the price for two). */
const PERCENT_BY_GUESTS = [85, 100, 125, 145] as const;

/**
 * Prices per number of guests on the first hotel's rooms for three or more, every seeded
 * night, so the rate grid, search and the booking pages show a party's own price: a guest
 * alone pays less than the single price, a third and fourth guest more, rounded to ¥100.
 * Its two-guest rooms keep the single price (the demo's front-desk stays are booked there).
 */
export async function seedDemoOccupancyPrices(trx: Executor): Promise<void> {
  await sql`
    update plan_prices pp set occupancy_prices = array(
      select (round(pp.price * p.percent / 10000.0) * 100)::int
      from unnest(${`{${PERCENT_BY_GUESTS.join(',')}}`}::int[]) with ordinality as p(percent, guests)
      where p.guests <= rt.capacity order by p.guests)
    from rate_plans rp join room_types rt on rt.id = rp.room_type_id
    where rp.id = pp.plan_id and rt.capacity >= 3 and rt.hotel_id = (select min(id) from hotels)`.execute(trx);
}
