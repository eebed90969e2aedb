import { claimAttempt, type RateLimiter } from '@hatago/cache';
import { IdentityErrors } from '../identity-errors.ts';

/**
 * Login attempts counted per account and per client address, through a RateLimiter shared
 * by every instance (Redis, or the database). A window starts at the first attempt and
 * lasts `windowMs`.
 */
export const THROTTLE = { windowMs: 15 * 60_000, perAccount: 5, perClient: 30, signUpsPerClient: 10 } as const;

export interface ThrottleKeys {
  /** Kind and login name, already normalised the way the account is looked up. */
  account: string;
  client: string;
}

const accountKey = (keys: ThrottleKeys) => `account:${keys.account}`;
const clientKey = (keys: ThrottleKeys) => `client:${keys.client}`;
const LOGIN_REFUSAL = { code: IdentityErrors.LOGIN_THROTTLED, message: 'Too many failed logins. Try again in 15 minutes.', windowMs: THROTTLE.windowMs };

/**
 * Counts the attempt before its password is checked: counting only after a failed check
 * would let a burst of concurrent guesses all pass a limit that none of them had yet reached.
 */
export async function claimLoginAttempt(limiter: RateLimiter, keys: ThrottleKeys): Promise<void> {
  await claimAttempt(limiter, { key: accountKey(keys), limit: THROTTLE.perAccount, ...LOGIN_REFUSAL });
  await claimAttempt(limiter, { key: clientKey(keys), limit: THROTTLE.perClient, ...LOGIN_REFUSAL });
}

/**
 * Sign-ups from one client address are limited too: each one costs a deliberately slow
 * password hash, and each answer tells whether an email is already a member.
 */
export async function claimSignUpAttempt(limiter: RateLimiter, client: string): Promise<void> {
  await claimAttempt(limiter, {
    key: `signup:${client}`,
    limit: THROTTLE.signUpsPerClient,
    windowMs: THROTTLE.windowMs,
    code: IdentityErrors.SIGN_UP_THROTTLED,
    message: 'Too many sign-ups from this address. Try again in 15 minutes.',
  });
}

/** A successful login forgets the account's failures and does not count against its client. */
export async function releaseLoginAttempt(limiter: RateLimiter, keys: ThrottleKeys): Promise<void> {
  await limiter.reset(accountKey(keys));
  await limiter.refund(clientKey(keys));
}
