import { claimAttempt, type RateLimiter } from '@hatago/cache';
import { IdentityErrors } from '../identity-errors.ts';

/**
 * Login attempts counted through a RateLimiter shared by every instance (Redis, or the
 * database), in windows that start at the first attempt and last `windowMs`:
 * - per account and client: a guesser at one address is refused after a few attempts,
 *   while the owner elsewhere is not;
 * - per client: one address cannot spread its guesses over many accounts;
 * - per account, from every client together: past a threshold no owner reaches by
 *   mistyping, the account is under attack and only devices it signed in from before may
 *   sign in. Nobody is locked out for everyone: the owner has their devices, and a member
 *   a password reset link.
 */
export const THROTTLE = { windowMs: 15 * 60_000, perAccountAndClient: 5, perClient: 30, perAccount: 50, signUpsPerClient: 10 } as const;

export interface ThrottleKeys {
  /** Kind and login name, already normalised the way the account is looked up. */
  account: string;
  client: string;
}

const pairKey = (keys: ThrottleKeys) => `account-client:${keys.account}:${keys.client}`;
const clientKey = (keys: ThrottleKeys) => `client:${keys.client}`;
const accountKey = (account: string) => `account:${account}`;
const LOGIN_REFUSAL = { code: IdentityErrors.LOGIN_THROTTLED, message: 'Too many failed logins. Try again in 15 minutes.', windowMs: THROTTLE.windowMs };

/**
 * Counts the attempt before its password is checked: counting only after a failed check
 * would let a burst of concurrent guesses all pass a limit that none of them had yet reached.
 * Returns the account's attempts in the window from every client, this one included.
 */
export async function claimLoginAttempt(limiter: RateLimiter, keys: ThrottleKeys): Promise<number> {
  await claimAttempt(limiter, { key: pairKey(keys), limit: THROTTLE.perAccountAndClient, ...LOGIN_REFUSAL });
  await claimAttempt(limiter, { key: clientKey(keys), limit: THROTTLE.perClient, ...LOGIN_REFUSAL });
  return limiter.hit(accountKey(keys.account), THROTTLE.windowMs);
}

/**
 * Sign-ups from one client address are limited too: each one costs a deliberately slow
 * password hash and sends a mail.
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

/**
 * A successful login forgets its client's failures on the account and takes its attempt
 * back from the other counts. The account's count from other clients stays: the owner
 * signing in must not give an ongoing attack a fresh allowance.
 */
export async function releaseLoginAttempt(limiter: RateLimiter, keys: ThrottleKeys): Promise<void> {
  await limiter.reset(pairKey(keys));
  await limiter.refund(clientKey(keys));
  await limiter.refund(accountKey(keys.account));
}
