import type { RateLimiter } from '@hatago/cache';
import { DomainError } from '@hatago/platform/errors';
import { DECOY_HASH, verifyPassword } from '../passwords/password-hash.ts';
import { claimLoginAttempt, releaseLoginAttempt, type ThrottleKeys } from './login-throttle.ts';
import { IdentityErrors } from '../identity-errors.ts';

/**
 * Login names compare trimmed and case-insensitively, for the look-up and the throttle
 * alike: were the throttle key spelled differently, every variant (" Admin", "admin ")
 * would get attempts of its own.
 */
export const normaliseLoginName = (name: string): string => name.trim().toLowerCase();

/**
 * One password check for every kind of account: refused while throttled, the same work
 * and the same answer whether or not the account exists, success clearing the account's
 * count.
 */
export async function throttledLogin<Account extends { password_hash: string }>(
  limiter: RateLimiter,
  keys: ThrottleKeys,
  password: string,
  find: () => Promise<Account | undefined>,
  wrongCredentials: string,
): Promise<Account> {
  await claimLoginAttempt(limiter, keys);
  const account = await find();
  const ok = await verifyPassword(password, account?.password_hash ?? DECOY_HASH);
  if (!account || !ok) throw new DomainError('unauthorized', IdentityErrors.INVALID_CREDENTIALS, wrongCredentials);
  await releaseLoginAttempt(limiter, keys);
  return account;
}
