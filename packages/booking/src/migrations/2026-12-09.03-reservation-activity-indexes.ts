import { type Kysely, sql } from 'kysely';

/**
 * The facility dashboard's recent bookings and cancellations read a hotel's newest rows by
 * created_at and by cancelled_at. Without these indexes each look-up sorts every
 * reservation the hotel ever had; with them each reads only the rows it shows.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create index reservations_hotel_created_idx on reservations (hotel_id, created_at);
    create index reservations_hotel_cancelled_idx on reservations (hotel_id, cancelled_at) where cancelled_at is not null;
  `.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop index reservations_hotel_cancelled_idx, reservations_hotel_created_idx`.execute(db);
}
