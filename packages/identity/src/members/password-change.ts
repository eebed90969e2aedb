import { randomUUID } from 'node:crypto';
import { claimAttempt, type RateLimiter } from '@hatago/cache';
import { type Executor, tablesOf } from '@hatago/db';
import { enqueueMail } from '@hatago/mail';
import { DomainError, FieldErrors } from '@hatago/platform/errors';
import { IdentityErrors } from '../identity-errors.ts';
import type { IdentityTables } from '../identity-tables.ts';
import { passwordChanged } from '../mail/password-changed.ts';
import { hashPassword, verifyPassword } from '../passwords/password-hash.ts';
import { THROTTLE } from '../throttle/login-throttle.ts';
import { checkNewPassword } from './member-accounts.ts';

/** Wrong current passwords one member may give per window: a login's allowance, whichever device sends them. */
export const PASSWORD_CHANGE = { perMember: THROTTLE.perAccountAndClient, windowMs: THROTTLE.windowMs } as const;

const attemptKey = (memberId: number) => `password-change:member:${memberId}`;

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
  await claimAttempt(limiter, {
    key: attemptKey(input.memberId),
    limit: PASSWORD_CHANGE.perMember,
    windowMs: PASSWORD_CHANGE.windowMs,
    code: IdentityErrors.PASSWORD_CHANGE_THROTTLED,
    message: 'Too many wrong passwords. Try again in 15 minutes.',
  });
  const t = tablesOf<IdentityTables>(db);
  const member = await t.selectFrom('members').select(['id', 'name', 'email', 'password_hash', 'preferred_lang']).where('id', '=', input.memberId).executeTakeFirst();
  if (!member || !(await verifyPassword(current, member.password_hash))) {
    throw new DomainError('invalid', IdentityErrors.INVALID_PASSWORD_CHANGE, 'The current password is wrong', [
      { field: 'currentPassword', message: 'The current password is wrong' },
    ]);
  }
  await limiter.reset(attemptKey(input.memberId));
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
