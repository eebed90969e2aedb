import { type Kysely, sql } from 'kysely';

/**
 * Published banner documents: append-only, the newest is live, a rollback is a new row.
 * Drafts are checked documents an editor previews before publishing; they are swept after
 * a week.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create table banner_versions (
      id bigserial primary key,
      document text not null,
      published_at timestamptz not null default now(),
      actor_id bigint not null,
      actor_name text not null,
      request_id text not null,
      restored_from bigint references banner_versions (id)
    );
    create table banner_drafts (
      id bigserial primary key,
      document text not null,
      created_at timestamptz not null default now(),
      actor_id bigint not null,
      actor_name text not null
    );
  `.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop table banner_drafts; drop table banner_versions`.execute(db);
}
