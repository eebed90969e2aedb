import { sql } from 'kysely';
import type { RateLimiter } from '@hatago/cache';
import type { Executor } from '@hatago/db';

/**
 * Attempts counted in the database (table login_throttle), one atomic statement per
 * attempt: shared by every instance without Redis, and kept across restarts. The embedded
 * platform counts here, and distributed mode falls back to it while Redis is down.
 */
export class DatabaseRateLimiter implements RateLimiter {
  constructor(private readonly db: Executor) {}

  async hit(key: string, windowMs: number): Promise<number> {
    const open = sql`login_throttle.window_started_at > now() - make_interval(secs => ${windowMs / 1000})`;
    const { rows } = await sql<{ failures: number }>`
      insert into login_throttle (key, failures, window_started_at) values (${key}, 1, now())
      on conflict (key) do update set
        failures = case when ${open} then login_throttle.failures + 1 else 1 end,
        window_started_at = case when ${open} then login_throttle.window_started_at else now() end
      returning failures
    `.execute(this.db);
    return rows[0]!.failures;
  }

  async refund(key: string): Promise<void> {
    await sql`update login_throttle set failures = failures - 1 where key = ${key} and failures > 0`.execute(this.db);
  }

  async reset(key: string): Promise<void> {
    await sql`delete from login_throttle where key = ${key}`.execute(this.db);
  }
}
