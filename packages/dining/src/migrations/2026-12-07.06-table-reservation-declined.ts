import { type Kysely, sql } from 'kysely';

/** A request the restaurant turned down: its seats are given back, and it never becomes a booking. */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    alter table table_reservations drop constraint table_reservations_status_check;
    alter table table_reservations add constraint table_reservations_status_check
      check (status in ('confirmed', 'requested', 'cancelled', 'declined'));
  `.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`
    update table_reservations set status = 'cancelled' where status = 'declined';
    alter table table_reservations drop constraint table_reservations_status_check;
    alter table table_reservations add constraint table_reservations_status_check check (status in ('confirmed', 'requested', 'cancelled'));
  `.execute(db);
}
