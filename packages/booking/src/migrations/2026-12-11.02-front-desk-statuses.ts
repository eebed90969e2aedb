import { type Kysely, sql } from 'kysely';

/**
 * The front desk's side of a stay: a confirmed reservation is checked in, checked out or
 * marked a no-show, each at a recorded instant. A no-show is charged the plan's no-show fee,
 * frozen with the booking's other terms (existing bookings take the catalogue's default,
 * the full stay). `version` counts modifications: a form sends the version it showed, so a
 * change made over somebody else's, or sent twice, is recognised instead of applied again.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    alter table reservations drop constraint reservations_status_check;
    alter table reservations add constraint reservations_status_check
      check (status in ('confirmed', 'cancelled', 'checked_in', 'checked_out', 'no_show'));
    alter table reservations
      add column version integer not null default 1,
      add column no_show_fee_percent integer not null default 100 check (no_show_fee_percent between 0 and 100),
      add column no_show_fee integer check (no_show_fee >= 0),
      add column checked_in_at timestamptz,
      add column checked_out_at timestamptz,
      add column no_show_at timestamptz;
  `.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`
    alter table reservations
      drop column version, drop column no_show_fee_percent, drop column no_show_fee,
      drop column checked_in_at, drop column checked_out_at, drop column no_show_at;
    alter table reservations drop constraint reservations_status_check;
    alter table reservations add constraint reservations_status_check check (status in ('confirmed', 'cancelled'));
  `.execute(db);
}
