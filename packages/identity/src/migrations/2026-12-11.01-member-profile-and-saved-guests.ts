import { type Kysely, sql } from 'kysely';

/**
 * A member's preferred language (their account pages' default choice and the language of
 * the mails sent to them; the sign-up's language for members made before) and the
 * companions they book for. Saved guests belong to one member and go with the account.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    alter table members add column preferred_lang text not null default 'ja' check (preferred_lang in ('ja', 'en'));
    create table saved_guests (
      id bigserial primary key,
      member_id bigint not null references members (id) on delete cascade,
      name text not null,
      name_latin text not null,
      phone text not null,
      email text,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
    );
    create index saved_guests_member_idx on saved_guests (member_id, id);
  `.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`
    drop table saved_guests;
    alter table members drop column preferred_lang;
  `.execute(db);
}
