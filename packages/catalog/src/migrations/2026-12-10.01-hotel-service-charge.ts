import { type Kysely, sql } from 'kysely';

/**
 * A hotel's service charge, percent of the room charge, shown apart in a stay's price
 * breakdown. It is already inside the stored tax-inclusive nightly prices, so setting it
 * changes how a price is split, never what a guest pays. 0 (none) for every existing hotel.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    alter table hotels add column service_charge_percent integer not null default 0
      check (service_charge_percent between 0 and 30)`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`alter table hotels drop column service_charge_percent`.execute(db);
}
