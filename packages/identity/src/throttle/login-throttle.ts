import { sql } from 'kysely';
import type { Executor } from '@hatago/db';
import { DomainError } from '@hatago/platform/errors';

/**
 * Failed logins counted in the database per account and per client address, so the limit
 * holds across every instance. A window starts at the first failure and lasts WINDOW_MS.
 */
export const THROTTLE = { windowMs: 15 * 60_000, perAccount: 5, perClient: 30 } as const;

export interface ThrottleKeys {
  account: string;
  client: string;
}

const keysOf = (keys: ThrottleKeys) => [
  { key: `account:${keys.account.toLowerCase()}`, limit: THROTTLE.perAccount },
  { key: `client:${keys.client}`, limit: THROTTLE.perClient },
];

export async function assertNotThrottled(db: Executor, keys: ThrottleKeys): Promise<void> {
  for (const { key, limit } of keysOf(keys)) {
    const { rows } = await sql<{ failures: number }>`
      select failures from login_throttle
      where key = ${key} and window_started_at > now() - make_interval(secs => ${THROTTLE.windowMs / 1000})
    `.execute(db);
    if ((rows[0]?.failures ?? 0) >= limit) {
      throw new DomainError('rate_limited', 'LOGIN_THROTTLED', 'Too many failed logins. Try again in 15 minutes.');
    }
  }
}

export async function recordLoginFailure(db: Executor, keys: ThrottleKeys): Promise<void> {
  for (const { key } of keysOf(keys)) {
    await sql`
      insert into login_throttle (key, failures, window_started_at) values (${key}, 1, now())
      on conflict (key) do update set
        failures = case when login_throttle.window_started_at > now() - make_interval(secs => ${THROTTLE.windowMs / 1000})
                        then login_throttle.failures + 1 else 1 end,
        window_started_at = case when login_throttle.window_started_at > now() - make_interval(secs => ${THROTTLE.windowMs / 1000})
                        then login_throttle.window_started_at else now() end
    `.execute(db);
  }
}

export async function clearLoginFailures(db: Executor, keys: ThrottleKeys): Promise<void> {
  await sql`delete from login_throttle where key = ${keysOf(keys)[0]!.key}`.execute(db);
}
