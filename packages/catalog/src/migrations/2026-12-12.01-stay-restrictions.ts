import { type Kysely, sql } from 'kysely';

/**
 * Stay restrictions per room type and night, beside stop-sell: a hotel restricts the rooms it
 * sells, whichever plan prices them, so one row per (room type, date) answers for every plan
 * and the nights a booking already locks carry them. `min_stay` and `closed_to_arrival` judge
 * a stay arriving that date, `closed_to_departure` one leaving that date.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    alter table room_inventory
      add column min_stay smallint not null default 1 check (min_stay between 1 and 14),
      add column closed_to_arrival boolean not null default false,
      add column closed_to_departure boolean not null default false`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`alter table room_inventory drop column min_stay, drop column closed_to_arrival, drop column closed_to_departure`.execute(db);
}
