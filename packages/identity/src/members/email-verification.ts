import { type Executor, tablesOf } from '@hatago/db';
import { enqueueMail } from '@hatago/mail';
import { DomainError } from '@hatago/platform/errors';
import { sql } from 'kysely';
import type { IdentityTables } from '../identity-tables.ts';
import { isLinkToken, issueLink, spendLink } from '../links/single-use-links.ts';
import { memberVerifyEmail } from '../mail/member-verify-email.ts';
import { memberWelcome } from '../mail/member-welcome.ts';
import { IdentityErrors } from '../identity-errors.ts';

export const EMAIL_VERIFICATION = { expiresInHours: 24 } as const;

export interface VerificationMail {
  locale: 'ja' | 'en';
  /** The page that spends the token, on the platform's own site. */
  verifyUrl: (token: string) => string;
}

/** Issues a link for a new member and queues its mail, inside the sign-up's transaction. */
export async function sendVerificationLink(trx: Executor, member: { id: number; name: string; email: string }, mail: VerificationMail): Promise<void> {
  const { token, tokenHash } = await issueLink(trx, 'email_verification_tokens', member.id, EMAIL_VERIFICATION.expiresInHours * 60);
  await enqueueMail(trx, memberVerifyEmail, {
    to: member.email,
    locale: mail.locale,
    category: 'member',
    idempotencyKey: `member-verify-email:${tokenHash}`,
    params: { name: member.name, verifyUrl: mail.verifyUrl(token), expiresInHours: EMAIL_VERIFICATION.expiresInHours },
  });
}

/**
 * Spends a link and marks its member's address verified, welcoming them in the same
 * transaction. Unknown, used and expired links are refused alike.
 */
export async function verifyMemberEmail(db: Executor, token: unknown, locale: 'ja' | 'en'): Promise<{ memberId: number }> {
  if (!isLinkToken(token)) throw invalidLink();
  return db.transaction().execute(async (trx) => {
    const memberId = await spendLink(trx, 'email_verification_tokens', token);
    if (memberId === undefined) throw invalidLink();
    const member = await tablesOf<IdentityTables>(trx)
      .updateTable('members')
      .set({ email_verified_at: sql`now()` })
      .where('id', '=', memberId)
      .returning(['name', 'email'])
      .executeTakeFirstOrThrow();
    await enqueueMail(trx, memberWelcome, {
      to: member.email,
      locale,
      category: 'member',
      idempotencyKey: `member-welcome:${memberId}`,
      params: { name: member.name },
    });
    return { memberId };
  });
}

/** Whether a member may hold reservations: only once their address is proven. */
export async function isVerifiedMember(db: Executor, memberId: number): Promise<boolean> {
  const row = await tablesOf<IdentityTables>(db)
    .selectFrom('members')
    .select('id')
    .where('id', '=', memberId)
    .where('email_verified_at', 'is not', null)
    .executeTakeFirst();
  return row !== undefined;
}

const invalidLink = () => new DomainError('not_found', IdentityErrors.EMAIL_VERIFICATION_LINK_INVALID, 'This link is invalid or has expired. Sign up again for a new one.');
