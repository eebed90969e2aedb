import { type Kysely, sql } from 'kysely';

/**
 * The accommodation tax a stay owes, recorded with its booking as quoted: the hotel collects
 * it, so it is never part of total_price, and the guest is told the sum they were shown even
 * if the bands change before the stay. Null for bookings made before it was recorded.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`alter table reservations add column accommodation_tax integer check (accommodation_tax >= 0)`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`alter table reservations drop column accommodation_tax`.execute(db);
}
