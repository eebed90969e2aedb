import { type Kysely, sql } from 'kysely';

/**
 * Prices per number of guests in a room, on the row that already holds the night's price:
 * element n of `occupancy_prices` is one room's price for n guests, null (or past the end)
 * where the plan has none and the single `price` applies. An array on `plan_prices` rather
 * than a table of (plan, date, guests): search sums a plan's nights over the rows it already
 * reads, so pricing the party costs it no join and no extra index probe per night.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    alter table plan_prices
      add column occupancy_prices integer[],
      add constraint plan_prices_occupancy_prices_valid check (
        occupancy_prices is null
        or (array_ndims(occupancy_prices) = 1 and array_lower(occupancy_prices, 1) = 1
            and cardinality(occupancy_prices) <= 8 and 0 < all(occupancy_prices)))`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`alter table plan_prices drop constraint plan_prices_occupancy_prices_valid, drop column occupancy_prices`.execute(db);
}
