import { createHash } from 'node:crypto';
import type { RateLimiter } from '@hatago/cache';
import type { Executor } from '@hatago/db';
import { enqueueNotice } from '@hatago/mail';
import { DomainError } from '@hatago/platform/errors';
import { loginFailuresSustained, SECURITY_CHANNEL } from '../mail/login-failures-sustained.ts';
import { DECOY_HASH, verifyPassword } from '../passwords/password-hash.ts';
import { claimLoginAttempt, releaseLoginAttempt, THROTTLE } from './login-throttle.ts';
import { IdentityErrors } from '../identity-errors.ts';

/**
 * Login names compare trimmed and case-insensitively, for the look-up and the throttle
 * alike: were the throttle key spelled differently, every variant (" Admin", "admin ")
 * would get attempts of its own.
 */
export const normaliseLoginName = (name: string): string => name.trim().toLowerCase();

/**
 * What a device that signed in to an account before carries (in a signed cookie) to be
 * let in while the account is under attack: the account's kind and id, never its login.
 */
export const knownDeviceOf = (kind: string, id: number): string => `${kind}:${id}`;

export interface LoginAttempt<Account> {
  /** Kind and normalised login name: the throttle's account key. */
  account: string;
  client: string;
  password: string;
  /** What the client's known-device cookie names, if it carries a valid one. */
  knownDevice: string | undefined;
  find: () => Promise<Account | undefined>;
  deviceOf: (account: Account) => string;
  wrongCredentials: string;
}

const UNDER_ATTACK_MESSAGE = 'This account has had too many failed logins. Sign in from a device you used before, or reset your password.';

/**
 * One password check for every kind of account: refused while throttled, the same work
 * and the same answer whether or not the account exists, success taking the attempt back.
 * While the account is under attack an unknown device is refused before its password is
 * checked, so the refusal tells a guesser nothing about the password.
 */
export async function throttledLogin<Account extends { password_hash: string }>(
  db: Executor,
  limiter: RateLimiter,
  attempt: LoginAttempt<Account>,
): Promise<Account> {
  const keys = { account: attempt.account, client: attempt.client };
  const failures = await claimLoginAttempt(limiter, keys);
  if (failures === THROTTLE.perAccount + 1) await alertSustainedFailures(db, attempt.account, failures);
  const account = await attempt.find();
  if (failures > THROTTLE.perAccount && !(account && attempt.knownDevice === attempt.deviceOf(account)))
    throw new DomainError('rate_limited', IdentityErrors.ACCOUNT_UNDER_ATTACK, UNDER_ATTACK_MESSAGE);
  const ok = await verifyPassword(attempt.password, account?.password_hash ?? DECOY_HASH);
  if (!account || !ok) throw new DomainError('unauthorized', IdentityErrors.INVALID_CREDENTIALS, attempt.wrongCredentials);
  await releaseLoginAttempt(limiter, keys);
  return account;
}

/**
 * Operators hear of an attack once per account and window: the count crosses the
 * threshold exactly once per window, and the key dedupes a retry of the same crossing.
 */
async function alertSustainedFailures(db: Executor, account: string, failures: number): Promise<void> {
  const window = Math.floor(Date.now() / THROTTLE.windowMs);
  const accountHash = createHash('sha256').update(account).digest('hex').slice(0, 32);
  await enqueueNotice(db, loginFailuresSustained, {
    channel: SECURITY_CHANNEL,
    params: { account: account.slice(0, 300), failures, windowMinutes: THROTTLE.windowMs / 60_000 },
    idempotencyKey: `login-failures-sustained:${accountHash}:${window}`,
  });
}
