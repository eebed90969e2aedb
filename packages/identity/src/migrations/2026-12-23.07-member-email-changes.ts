import { type Kysely, sql } from 'kysely';

/**
 * A member's request to move their account to a new address: a single-use link mailed to
 * that address, stored hashed like the other links, with the address it proves. The
 * address changes only when the link is spent.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create table email_change_tokens (
      token_hash text primary key,
      member_id bigint not null references members (id) on delete cascade,
      new_email text not null,
      created_at timestamptz not null default now(),
      expires_at timestamptz not null,
      used_at timestamptz
    );
    create index email_change_tokens_member_idx on email_change_tokens (member_id);
  `.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop table email_change_tokens;`.execute(db);
}
