import { type Kysely, sql } from 'kysely';

/**
 * Feature flags, one row each with its definition as JSON (the shape every reader, the
 * edge included, evaluates). `version` counts changes so a form saved over somebody
 * else's change is refused instead of silently undoing it. Who changed what is in the
 * audit log.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create table feature_flags (
      key text primary key,
      definition jsonb not null,
      version integer not null default 1,
      updated_at timestamptz not null default now(),
      updated_by text not null
    );
  `.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop table feature_flags`.execute(db);
}
