import { type Kysely, sql } from 'kysely';

/**
 * Password reset links: only a hash of the token is stored (like sessions), so reading
 * the table yields no usable link. One row per request; used_at makes a link single-use.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create table password_reset_tokens (
      token_hash text primary key,
      member_id bigint not null references members (id) on delete cascade,
      created_at timestamptz not null default now(),
      expires_at timestamptz not null,
      used_at timestamptz
    );
    create index password_reset_tokens_member_idx on password_reset_tokens (member_id);
  `.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop table password_reset_tokens`.execute(db);
}
