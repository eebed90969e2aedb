import { type Kysely, sql } from 'kysely';

/**
 * Operators get the `editor` role (the site's content, no guest data), accounts can be
 * disabled instead of deleted (the audit log keeps naming them), and machines such as a CI
 * job publishing banners sign in with API tokens: kept hashed like sessions, each with the
 * role it acts as, who created it and when it was last used.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    alter table staff_accounts drop constraint staff_accounts_role_check;
    alter table staff_accounts add constraint staff_accounts_role_check check (role in ('support', 'editor', 'admin'));
    alter table staff_accounts add column disabled_at timestamptz;
    create table api_tokens (
      id bigserial primary key,
      name text not null,
      role text not null check (role in ('support', 'editor', 'admin')),
      token_hash text not null unique,
      created_by bigint not null references staff_accounts (id),
      created_at timestamptz not null default now(),
      last_used_at timestamptz,
      revoked_at timestamptz
    );
  `.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`
    drop table api_tokens;
    alter table staff_accounts drop column disabled_at;
    alter table staff_accounts drop constraint staff_accounts_role_check;
    alter table staff_accounts add constraint staff_accounts_role_check check (role in ('support', 'admin'));
  `.execute(db);
}
