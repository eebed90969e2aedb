import { claimAttempt, type RateLimiter } from '@hatago/cache';
import { type Executor, tablesOf } from '@hatago/db';
import { DomainError, type ErrorCode } from '@hatago/platform/errors';
import type { IdentityTables } from '../identity-tables.ts';
import { verifyPassword } from '../passwords/password-hash.ts';
import { THROTTLE } from '../throttle/login-throttle.ts';

/** Wrong current passwords one member may give per window: a login's allowance, whichever device or form sends them. */
export const CURRENT_PASSWORD_TRIES = { perMember: THROTTLE.perAccountAndClient, windowMs: THROTTLE.windowMs } as const;

// one count for every form that asks for it, so a stolen session cannot guess twice as often
const attemptKey = (memberId: number) => `password-change:member:${memberId}`;

export interface CurrentPasswordCheck {
  memberId: number;
  password: string;
  /** The codes of the form asking: a wrong password is its field error, too many tries its 429. */
  codes: { invalid: ErrorCode; throttled: ErrorCode };
}

/**
 * Proves a signed-in member knows their password before a change a stolen session must not
 * make: tries are counted before the check (as logins are) and a success gives the count
 * back. Gives the member's row for the change to use.
 */
export async function checkCurrentPassword(db: Executor, limiter: RateLimiter, check: CurrentPasswordCheck) {
  await claimAttempt(limiter, {
    key: attemptKey(check.memberId),
    limit: CURRENT_PASSWORD_TRIES.perMember,
    windowMs: CURRENT_PASSWORD_TRIES.windowMs,
    code: check.codes.throttled,
    message: 'Too many wrong passwords. Try again in 15 minutes.',
  });
  const member = await tablesOf<IdentityTables>(db)
    .selectFrom('members')
    .select(['id', 'name', 'email', 'password_hash', 'preferred_lang'])
    .where('id', '=', check.memberId)
    .executeTakeFirst();
  if (!member || !(await verifyPassword(check.password, member.password_hash))) {
    throw new DomainError('invalid', check.codes.invalid, 'The current password is wrong', [{ field: 'currentPassword', message: 'The current password is wrong' }]);
  }
  await limiter.reset(attemptKey(check.memberId));
  return { ...member, id: Number(member.id) };
}
