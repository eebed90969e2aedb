import { claimAttempt, type RateLimiter } from '@hatago/cache';
import { type Executor, tablesOf } from '@hatago/db';
import { enqueueMail } from '@hatago/mail';
import { DomainError, FieldErrors } from '@hatago/platform/errors';
import { isEmail } from '@hatago/platform/input';
import { isLinkToken, issueLink, liveLinkMember, retireLinks, spendLink } from '../links/single-use-links.ts';
import type { IdentityTables } from '../identity-tables.ts';
import { passwordReset } from '../mail/password-reset.ts';
import { checkNewPassword } from '../members/member-accounts.ts';
import { hashPassword } from '../passwords/password-hash.ts';
import { IdentityErrors } from '../identity-errors.ts';

export const PASSWORD_RESET = {
  /** How long a link works. */
  expiresInMinutes: 30,
  /** Requests per address and per client address in one window: enough for a lost mail, too few to flood an inbox. */
  perAddress: 3,
  perClient: 10,
  windowMs: 15 * 60_000,
} as const;

const THROTTLED = { code: IdentityErrors.PASSWORD_RESET_THROTTLED, message: 'Too many password reset requests. Try again in 15 minutes.', windowMs: PASSWORD_RESET.windowMs };

/**
 * Sends a reset link if the address belongs to a member, and answers the same either
 * way, so the form reveals nothing about who is a member. Requests are counted per
 * address and per client before the lookup, for members and strangers alike, so the
 * throttle does not reveal it either. A new link replaces any earlier unused one.
 * The token leaves this function only inside the mail; the database keeps its hash.
 */
export async function requestPasswordReset(
  db: Executor,
  limiter: RateLimiter,
  input: { email: unknown; client: string; locale: 'ja' | 'en'; resetUrl: (token: string) => string },
): Promise<void> {
  const email = typeof input.email === 'string' ? input.email.trim().toLowerCase() : '';
  if (!isEmail(email)) throw new DomainError('invalid', IdentityErrors.INVALID_PASSWORD_RESET, 'Enter your email address', [{ field: 'email', message: 'Enter a valid email address' }]);
  await claimAttempt(limiter, { key: `password-reset-client:${input.client}`, limit: PASSWORD_RESET.perClient, ...THROTTLED });
  await claimAttempt(limiter, { key: `password-reset-address:${email}`, limit: PASSWORD_RESET.perAddress, ...THROTTLED });
  await db.transaction().execute(async (trx) => {
    const t = tablesOf<IdentityTables>(trx);
    const member = await t
      .selectFrom('members')
      .select(['id', 'name', 'email'])
      .where((eb) => eb(eb.fn('lower', ['email']), '=', email))
      .executeTakeFirst();
    if (!member) return;
    await retireLinks(trx, 'password_reset_tokens', member.id);
    const { token, tokenHash } = await issueLink(trx, 'password_reset_tokens', member.id, PASSWORD_RESET.expiresInMinutes);
    await enqueueMail(trx, passwordReset, {
      to: member.email,
      locale: input.locale,
      category: 'member',
      idempotencyKey: `password-reset:${tokenHash}`,
      params: { name: member.name, resetUrl: input.resetUrl(token), expiresInMinutes: PASSWORD_RESET.expiresInMinutes },
    });
  });
}

const invalidLink = () => new DomainError('not_found', IdentityErrors.PASSWORD_RESET_LINK_INVALID, 'This link is invalid or has expired. Ask for a new one.');

/** Whether a link still works, to show its form or say that it expired, before anyone types a password. */
export async function passwordResetLinkIsValid(db: Executor, token: unknown): Promise<boolean> {
  return isLinkToken(token) && (await liveLinkMember(db, 'password_reset_tokens', token)) !== undefined;
}

/**
 * Sets the new password through a valid link and spends the link in the same
 * transaction (two tabs submitting it at once: one wins). Every session of the member
 * ends, since whoever knew the old password may be signed in.
 */
export async function resetPassword(db: Executor, input: { token: unknown; password: unknown }): Promise<{ memberId: number }> {
  const errors = new FieldErrors();
  const password = checkNewPassword(input.password, errors);
  errors.throwIfAny(IdentityErrors.INVALID_PASSWORD_RESET);
  if (!(await passwordResetLinkIsValid(db, input.token))) throw invalidLink();
  // the slow hash only for a link that worked a moment ago, and outside the transaction
  const passwordHash = await hashPassword(password);
  return db.transaction().execute(async (trx) => {
    const t = tablesOf<IdentityTables>(trx);
    const memberId = await spendLink(trx, 'password_reset_tokens', input.token as string);
    if (memberId === undefined) throw invalidLink();
    await t.updateTable('members').set({ password_hash: passwordHash }).where('id', '=', memberId).execute();
    await t.deleteFrom('sessions').where('subject_kind', '=', 'member').where('subject_id', '=', memberId).execute();
    return { memberId };
  });
}
