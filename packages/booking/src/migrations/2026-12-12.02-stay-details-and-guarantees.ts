import { type Kysely, sql } from 'kysely';

/**
 * What the front desk learns of a stay at booking: how many of the guests are children
 * (`guests` stays the whole party, which the room's capacity is judged by), when they expect
 * to arrive, and what they ask for. A plan that requires it is held by a card guarantee, as
 * restaurant tables are: the provider's authorisation and how to name the card (brand and
 * last four digits), never its number or security code.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    alter table reservations
      add column children integer not null default 0 check (children >= 0 and children < guests),
      add column arrival_time text check (arrival_time ~ '^([01][0-9]|2[0-3]):[0-5][0-9]$'),
      add column requests text check (char_length(requests) between 1 and 500),
      add column guarantee_provider text,
      add column guarantee_authorisation text,
      add column guarantee_amount integer check (guarantee_amount >= 0),
      add column guarantee_status text check (guarantee_status in ('authorised', 'captured', 'released', 'capture_failed')),
      add column card_brand text,
      add column card_last4 text check (card_last4 ~ '^[0-9]{4}$'),
      add constraint reservations_guarantee_whole check (
        (guarantee_authorisation is null) = (guarantee_status is null)
        and (guarantee_authorisation is null) = (card_last4 is null)
      )
  `.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`
    alter table reservations
      drop column children, drop column arrival_time, drop column requests,
      drop column guarantee_provider, drop column guarantee_authorisation, drop column guarantee_amount,
      drop column guarantee_status, drop column card_brand, drop column card_last4
  `.execute(db);
}
