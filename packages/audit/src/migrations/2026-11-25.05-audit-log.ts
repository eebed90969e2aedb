import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    -- append-only: who did what to which record, and the request that did it
    create table audit_log (
      id bigserial primary key,
      at timestamptz not null default now(),
      actor_kind text not null,
      actor_id bigint not null,
      actor_name text not null,
      action text not null,
      target_type text not null,
      target_id text not null,
      detail jsonb not null default '{}',
      request_id text not null
    );
    create index audit_log_at_idx on audit_log (at desc);
    create index audit_log_target_idx on audit_log (target_type, target_id);
  `.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop table audit_log`.execute(db);
}
