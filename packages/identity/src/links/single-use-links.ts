import { createHash, randomBytes } from 'node:crypto';
import { type Executor, tablesOf } from '@hatago/db';
import { sql } from 'kysely';
import type { IdentityTables } from '../identity-tables.ts';

/** The tables of mailed single-use links; each row is a member, a token hash, an expiry and when it was spent. */
export type LinkTable = 'password_reset_tokens' | 'email_verification_tokens' | 'email_change_tokens';
/** The links that prove nothing but their member, which `issueLink` writes whole. */
type MemberLinkTable = Exclude<LinkTable, 'email_change_tokens'>;

// a link is stored as its hash: reading the table yields no usable link
export const hashLinkToken = (token: string) => createHash('sha256').update(token).digest('base64url');
const hashToken = hashLinkToken;
const TOKEN = /^[A-Za-z0-9_-]{43}$/;

/** Whether a value has the shape of a token we issue, before any query is spent on it. */
export const isLinkToken = (token: unknown): token is string => typeof token === 'string' && TOKEN.test(token);

/**
 * Issues a link for a member, valid for `minutes`, and gives the token (for the mail
 * only) and its hash (a stable idempotency key for that mail).
 */
export async function issueLink(trx: Executor, table: MemberLinkTable, memberId: number, minutes: number): Promise<{ token: string; tokenHash: string }> {
  const { token, tokenHash } = newLinkToken();
  await tablesOf<IdentityTables>(trx).insertInto(table).values({ token_hash: tokenHash, member_id: memberId, expires_at: linkExpiry(minutes) }).execute();
  return { token, tokenHash };
}

/** A new token (for the mail only) and its hash (what is stored, and the mail's idempotency key). */
export function newLinkToken(): { token: string; tokenHash: string } {
  const token = randomBytes(32).toString('base64url');
  return { token, tokenHash: hashToken(token) };
}

/** When a link issued now stops working, by the database's clock as every check of it is. */
export const linkExpiry = (minutes: number) => sql<Date>`now() + make_interval(mins => ${minutes})`;

/** Spends every unused link of a member, so only the newest one works. */
export async function retireLinks(trx: Executor, table: LinkTable, memberId: number): Promise<void> {
  await tablesOf<IdentityTables>(trx).updateTable(table).set({ used_at: sql`now()` }).where('member_id', '=', memberId).where('used_at', 'is', null).execute();
}

/** The member of a link that is known, unused and unexpired, without spending it. */
export async function liveLinkMember(db: Executor, table: LinkTable, token: string): Promise<number | undefined> {
  const row = await tablesOf<IdentityTables>(db)
    .selectFrom(table)
    .select('member_id')
    .where('token_hash', '=', hashToken(token))
    .where('used_at', 'is', null)
    .where('expires_at', '>', sql<Date>`now()`)
    .executeTakeFirst();
  return row ? Number(row.member_id) : undefined;
}

/**
 * Spends a link and gives its member, or undefined when it is unknown, used or expired.
 * One update does both, so of two simultaneous submissions exactly one wins.
 */
export async function spendLink(trx: Executor, table: LinkTable, token: string): Promise<number | undefined> {
  const spent = await tablesOf<IdentityTables>(trx)
    .updateTable(table)
    .set({ used_at: sql`now()` })
    .where('token_hash', '=', hashToken(token))
    .where('used_at', 'is', null)
    .where('expires_at', '>', sql<Date>`now()`)
    .returning('member_id')
    .executeTakeFirst();
  return spent ? Number(spent.member_id) : undefined;
}
