import { randomUUID } from 'node:crypto';
import type { RateLimiter } from '@hatago/cache';
import { type Executor, tablesOf } from '@hatago/db';
import { enqueueMail } from '@hatago/mail';
import { DomainError, FieldErrors } from '@hatago/platform/errors';
import { isEmail } from '@hatago/platform/input';
import { sql } from 'kysely';
import { IdentityErrors } from '../identity-errors.ts';
import type { IdentityTables } from '../identity-tables.ts';
import { hashLinkToken, isLinkToken, linkExpiry, newLinkToken, retireLinks, spendLink } from '../links/single-use-links.ts';
import { emailChangeAddressInUse } from '../mail/email-change-address-in-use.ts';
import { emailChangeConfirm } from '../mail/email-change-confirm.ts';
import { emailChangeRequested } from '../mail/email-change-requested.ts';
import { checkCurrentPassword } from './current-password.ts';

export const EMAIL_CHANGE = { expiresInHours: 24 } as const;

export interface EmailChangeRequest {
  memberId: number;
  newEmail: unknown;
  currentPassword: unknown;
  /** The page that spends the token, on the platform's own site, in the member's language. */
  confirmUrl: (token: string, locale: 'ja' | 'en') => string;
}

/**
 * A signed-in member asks to move their account to a new address, proving they know the
 * password (a stolen session alone must not take the account away). The new address gets a
 * single-use link and the current one a notice, both in the member's language; nothing
 * changes until the link is opened. An address another member holds gets, instead of the
 * link, a note saying so: the member is answered the same either way, as at sign-up, so the
 * form tells nobody which addresses are registered.
 */
export async function requestEmailChange(db: Executor, limiter: RateLimiter, request: EmailChangeRequest): Promise<void> {
  const errors = new FieldErrors();
  const newEmail = typeof request.newEmail === 'string' ? request.newEmail.trim() : '';
  const current = typeof request.currentPassword === 'string' ? request.currentPassword : '';
  if (!isEmail(newEmail)) errors.add('email', 'Enter a valid email address');
  if (!current) errors.add('currentPassword', 'Enter your current password');
  errors.throwIfAny(IdentityErrors.INVALID_EMAIL_CHANGE);
  const member = await checkCurrentPassword(db, limiter, {
    memberId: request.memberId,
    password: current,
    codes: { invalid: IdentityErrors.INVALID_EMAIL_CHANGE, throttled: IdentityErrors.EMAIL_CHANGE_THROTTLED },
  });
  if (newEmail.toLowerCase() === member.email.toLowerCase()) {
    throw new DomainError('invalid', IdentityErrors.INVALID_EMAIL_CHANGE, 'This is already your address', [{ field: 'email', message: 'This is already your address' }]);
  }
  const locale = member.preferred_lang;
  const hours = EMAIL_CHANGE.expiresInHours;
  await db.transaction().execute(async (trx) => {
    const holder = await holderOf(trx, newEmail);
    await retireLinks(trx, 'email_change_tokens', member.id);
    if (holder) {
      await enqueueMail(trx, emailChangeAddressInUse, {
        to: holder.email,
        locale: holder.preferred_lang,
        category: 'member',
        idempotencyKey: `email-change-address-in-use:${member.id}:${randomUUID()}`,
        params: { name: holder.name },
      });
    } else {
      const { token, tokenHash } = newLinkToken();
      await tablesOf<IdentityTables>(trx)
        .insertInto('email_change_tokens')
        .values({ token_hash: tokenHash, member_id: member.id, new_email: newEmail, expires_at: linkExpiry(hours * 60) })
        .execute();
      await enqueueMail(trx, emailChangeConfirm, {
        to: newEmail,
        locale,
        category: 'member',
        idempotencyKey: `email-change-confirm:${tokenHash}`,
        params: { name: member.name, confirmUrl: request.confirmUrl(token, locale), expiresInHours: hours },
      });
    }
    await enqueueMail(trx, emailChangeRequested, {
      to: member.email,
      locale,
      category: 'member',
      idempotencyKey: `email-change-requested:${member.id}:${randomUUID()}`,
      params: { name: member.name, newEmail, expiresInHours: hours },
    });
  });
}

/**
 * Spends a confirmation link and moves its member to the address it proves, which is thereby
 * verified. Unknown, used, expired and superseded links are refused alike; an address another
 * member took meanwhile is refused and the link stays unspent (the transaction rolls back).
 */
export async function confirmEmailChange(db: Executor, token: unknown): Promise<{ memberId: number; email: string }> {
  if (!isLinkToken(token)) throw invalidLink();
  return db.transaction().execute(async (trx) => {
    const memberId = await spendLink(trx, 'email_change_tokens', token);
    if (memberId === undefined) throw invalidLink();
    const t = tablesOf<IdentityTables>(trx);
    const { new_email: email } = await t.selectFrom('email_change_tokens').select('new_email').where('token_hash', '=', hashLinkToken(token)).executeTakeFirstOrThrow();
    const holder = await holderOf(trx, email);
    if (holder && Number(holder.id) !== memberId) {
      throw new DomainError('conflict', IdentityErrors.EMAIL_CHANGE_ADDRESS_TAKEN, 'This address now belongs to another account. Nothing was changed.');
    }
    await t.updateTable('members').set({ email, email_verified_at: sql`now()` }).where('id', '=', memberId).execute();
    return { memberId, email };
  });
}

/** The member holding an address, compared as sign-up and login compare them (case aside). */
const holderOf = (db: Executor, email: string) =>
  tablesOf<IdentityTables>(db)
    .selectFrom('members')
    .select(['id', 'name', 'email', 'preferred_lang'])
    .where((eb) => eb(eb.fn('lower', ['email']), '=', email.toLowerCase()))
    .executeTakeFirst();

const invalidLink = () => new DomainError('not_found', IdentityErrors.EMAIL_CHANGE_LINK_INVALID, 'This link is invalid or has expired. Ask for a new one from your account.');
