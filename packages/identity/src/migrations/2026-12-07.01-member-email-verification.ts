import { type Kysely, sql } from 'kysely';

/**
 * Members prove their address by a mailed link before they can hold reservations.
 * Members who signed up before this change are taken as verified: they were let book
 * then, and nobody can re-verify a mailbox retroactively. Links are stored hashed and
 * spent once, like password reset links.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    alter table members add column email_verified_at timestamptz;
    update members set email_verified_at = created_at;
    create table email_verification_tokens (
      token_hash text primary key,
      member_id bigint not null references members (id) on delete cascade,
      created_at timestamptz not null default now(),
      expires_at timestamptz not null,
      used_at timestamptz
    );
    create index email_verification_tokens_member_idx on email_verification_tokens (member_id);
  `.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`
    drop table email_verification_tokens;
    alter table members drop column email_verified_at;
  `.execute(db);
}
