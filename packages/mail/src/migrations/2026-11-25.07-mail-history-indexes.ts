import { type Kysely, sql } from 'kysely';

/**
 * Support staff search the history newest first, by one criterion at a time or a few
 * together, over millions of rows. Each index leads with the equality column a search
 * filters on and ends with (created_at, id): the order pages are read in and the keyset
 * a "next page" link continues from, so every page reads 50 index entries and stops.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create index mail_messages_created_idx on mail_messages (created_at, id);
    create index mail_messages_recipient_idx on mail_messages (lower(recipient), created_at, id);
    drop index mail_messages_reference_idx;
    create index mail_messages_reference_idx on mail_messages (reference, created_at, id);
    create index mail_messages_status_idx on mail_messages (status, created_at, id);
    create index mail_messages_category_idx on mail_messages (category, created_at, id);
    -- SendGrid events whose custom args are missing find their message by SendGrid's id
    create index mail_messages_provider_message_idx on mail_messages (provider_message_id) where provider_message_id is not null;
    -- the retention purge walks only what it has not purged yet, oldest first
    create index mail_messages_unpurged_idx on mail_messages (created_at) where body_purged_at is null;
  `.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`
    drop index mail_messages_unpurged_idx;
    drop index mail_messages_provider_message_idx;
    drop index mail_messages_category_idx;
    drop index mail_messages_status_idx;
    drop index mail_messages_reference_idx;
    create index mail_messages_reference_idx on mail_messages (reference);
    drop index mail_messages_recipient_idx;
    drop index mail_messages_created_idx;
  `.execute(db);
}
