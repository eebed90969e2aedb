import { sql } from 'kysely';
import type { Executor } from '@hatago/db';
import { DomainError } from '@hatago/platform/errors';

/**
 * Login attempts counted in the database per account and per client address, so the limit
 * holds across every instance. A window starts at the first attempt and lasts WINDOW_MS.
 */
export const THROTTLE = { windowMs: 15 * 60_000, perAccount: 5, perClient: 30, signUpsPerClient: 10 } as const;

export interface ThrottleKeys {
  /** Kind and login name, already normalised the way the account is looked up. */
  account: string;
  client: string;
}

const keysOf = (keys: ThrottleKeys) => [
  { key: `account:${keys.account}`, limit: THROTTLE.perAccount },
  { key: `client:${keys.client}`, limit: THROTTLE.perClient },
];

const WINDOW_OPEN = sql`login_throttle.window_started_at > now() - make_interval(secs => ${THROTTLE.windowMs / 1000})`;

/**
 * Counts one attempt under `key` in one atomic statement and refuses it past `limit`
 * within the window.
 */
async function claimAttempt(db: Executor, key: string, limit: number, refusal: () => DomainError): Promise<void> {
  const { rows } = await sql<{ failures: number }>`
    insert into login_throttle (key, failures, window_started_at) values (${key}, 1, now())
    on conflict (key) do update set
      failures = case when ${WINDOW_OPEN} then login_throttle.failures + 1 else 1 end,
      window_started_at = case when ${WINDOW_OPEN} then login_throttle.window_started_at else now() end
    returning failures
  `.execute(db);
  if (rows[0]!.failures > limit) throw refusal();
}

/**
 * Counts the attempt before its password is checked: counting only after a failed check
 * would let a burst of concurrent guesses all pass a limit that none of them had yet reached.
 */
export async function claimLoginAttempt(db: Executor, keys: ThrottleKeys): Promise<void> {
  for (const { key, limit } of keysOf(keys)) {
    await claimAttempt(db, key, limit, () => new DomainError('rate_limited', 'LOGIN_THROTTLED', 'Too many failed logins. Try again in 15 minutes.'));
  }
}

/**
 * Sign-ups from one client address are limited too: each one costs a deliberately slow
 * password hash, and each answer tells whether an email is already a member.
 */
export async function claimSignUpAttempt(db: Executor, client: string): Promise<void> {
  await claimAttempt(db, `signup:${client}`, THROTTLE.signUpsPerClient, () =>
    new DomainError('rate_limited', 'SIGN_UP_THROTTLED', 'Too many sign-ups from this address. Try again in 15 minutes.'),
  );
}

/** A successful login forgets the account's failures and does not count against its client. */
export async function releaseLoginAttempt(db: Executor, keys: ThrottleKeys): Promise<void> {
  const [account, client] = keysOf(keys);
  await sql`delete from login_throttle where key = ${account!.key}`.execute(db);
  await sql`update login_throttle set failures = failures - 1 where key = ${client!.key} and failures > 0`.execute(db);
}
