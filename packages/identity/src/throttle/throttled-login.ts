import type { Executor } from '@hatago/db';
import { DomainError } from '@hatago/platform/errors';
import { DECOY_HASH, verifyPassword } from '../passwords/password-hash.ts';
import { assertNotThrottled, clearLoginFailures, recordLoginFailure, type ThrottleKeys } from './login-throttle.ts';

/**
 * One password check for every kind of account: refused while throttled, the same work
 * and the same answer whether or not the account exists, failures counted, success
 * clearing the account's count.
 */
export async function throttledLogin<Account extends { password_hash: string }>(
  db: Executor,
  keys: ThrottleKeys,
  password: string,
  find: () => Promise<Account | undefined>,
  wrongCredentials: string,
): Promise<Account> {
  await assertNotThrottled(db, keys);
  const account = await find();
  const ok = await verifyPassword(password, account?.password_hash ?? DECOY_HASH);
  if (!account || !ok) {
    await recordLoginFailure(db, keys);
    throw new DomainError('unauthorized', 'INVALID_CREDENTIALS', wrongCredentials);
  }
  await clearLoginFailures(db, keys);
  return account;
}
