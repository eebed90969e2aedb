import { randomUUID } from 'node:crypto';
import type { RateLimiter } from '@hatago/cache';
import { type Executor, tablesOf } from '@hatago/db';
import { enqueueMail } from '@hatago/mail';
import { FieldErrors } from '@hatago/platform/errors';
import { IdentityErrors } from '../identity-errors.ts';
import type { IdentityTables } from '../identity-tables.ts';
import { passwordChanged } from '../mail/password-changed.ts';
import { hashPassword } from '../passwords/password-hash.ts';
import { CURRENT_PASSWORD_TRIES, checkCurrentPassword } from './current-password.ts';
import { checkNewPassword } from './member-accounts.ts';

/** Wrong current passwords one member may give per window (with an email change's): see checkCurrentPassword. */
export const PASSWORD_CHANGE = CURRENT_PASSWORD_TRIES;

/**
 * Sets a member's new password when they give their current one. Whoever holds a stolen
 * session must not be able to guess the password from it, so tries are counted before the
 * check (as logins are), per member, and a success gives the count back. Every session of
 * the member ends in the same transaction, and the member is mailed a notice in their
 * language: the caller starts the one session the member goes on with.
 */
export async function changeMemberPassword(
  db: Executor,
  limiter: RateLimiter,
  input: { memberId: number; currentPassword: unknown; newPassword: unknown },
): Promise<void> {
  const errors = new FieldErrors();
  const current = typeof input.currentPassword === 'string' ? input.currentPassword : '';
  if (!current) errors.add('currentPassword', 'Enter your current password');
  const password = checkNewPassword(input.newPassword, errors);
  if (current && password && current === password) errors.add('password', 'Choose a password other than your current one');
  errors.throwIfAny(IdentityErrors.INVALID_PASSWORD_CHANGE);
  const member = await checkCurrentPassword(db, limiter, {
    memberId: input.memberId,
    password: current,
    codes: { invalid: IdentityErrors.INVALID_PASSWORD_CHANGE, throttled: IdentityErrors.PASSWORD_CHANGE_THROTTLED },
  });
  // the slow hash outside the transaction, so it holds no locks meanwhile
  const passwordHash = await hashPassword(password);
  await db.transaction().execute(async (trx) => {
    const tx = tablesOf<IdentityTables>(trx);
    await tx.updateTable('members').set({ password_hash: passwordHash }).where('id', '=', member.id).execute();
    await tx.deleteFrom('sessions').where('subject_kind', '=', 'member').where('subject_id', '=', member.id).execute();
    await enqueueMail(trx, passwordChanged, {
      to: member.email,
      locale: member.preferred_lang,
      category: 'member',
      idempotencyKey: `password-changed:${member.id}:${randomUUID()}`,
      params: { name: member.name },
    });
  });
}
