import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    -- written in the same transaction as the business change it announces;
    -- the mail workers (a later module) claim rows from here
    create table mail_messages (
      id bigserial primary key,
      template text not null,
      recipient text not null,
      locale text not null check (locale in ('ja', 'en')),
      params jsonb not null,
      category text not null,
      idempotency_key text not null unique,
      reference text,
      status text not null default 'queued',
      created_at timestamptz not null default now()
    );
    create index mail_messages_reference_idx on mail_messages (reference);
    create index mail_messages_queued_idx on mail_messages (created_at) where status = 'queued';
  `.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop table mail_messages`.execute(db);
}
