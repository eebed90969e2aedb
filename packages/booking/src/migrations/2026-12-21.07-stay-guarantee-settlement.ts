import { type Kysely, sql } from 'kysely';

/**
 * How a stay's card guarantee was settled, beside its status: the yen charged (a
 * cancellation or no-show fee; 0 when the hold was let go or the charge refused), the
 * provider's id of the charge, to find it in the provider's records, and when. And when the
 * guest accepted the terms and privacy policy, which a booking requires: stays booked before
 * it was recorded keep null rather than a time nobody consented at.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    alter table reservations
      add column guarantee_charged integer check (guarantee_charged >= 0),
      add column guarantee_reference text,
      add column guarantee_settled_at timestamptz,
      add column terms_accepted_at timestamptz,
      add constraint reservations_guarantee_settled check (
        (guarantee_settled_at is null) = (guarantee_status is null or guarantee_status = 'authorised')
        and (guarantee_settled_at is null) = (guarantee_charged is null)
      )
  `.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`alter table reservations drop column guarantee_charged, drop column guarantee_reference, drop column guarantee_settled_at, drop column terms_accepted_at`.execute(db);
}
