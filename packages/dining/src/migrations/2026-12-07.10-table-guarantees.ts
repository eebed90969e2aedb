import { type Kysely, sql } from 'kysely';

/**
 * A no-show guarantee held on the guest's card: the provider's authorisation and how to
 * name the card to its holder (brand and last four digits). No card number, no security
 * code: the provider holds the card, Hatago only its token's authorisation.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    alter table table_reservations
      add column guarantee_provider text,
      add column guarantee_authorisation text,
      add column guarantee_amount integer check (guarantee_amount >= 0),
      add column guarantee_status text check (guarantee_status in ('authorised', 'captured', 'released', 'capture_failed')),
      add column card_brand text,
      add column card_last4 text check (card_last4 ~ '^[0-9]{4}$'),
      add constraint table_reservations_guarantee_whole check (
        (guarantee_authorisation is null) = (guarantee_status is null)
        and (guarantee_authorisation is null) = (card_last4 is null)
      )
  `.execute(db);
}
