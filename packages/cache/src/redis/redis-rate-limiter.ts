import type { Redis } from 'ioredis';
import type { RateLimiter } from '../rate-limiter.ts';
import { closeRedis, openRedis, type RedisConnectionOptions, waitUntilReady } from './redis-connection.ts';

// INCR and the expiry in one atomic step: a crash between the two can never leave a
// counter without an end. A key found without one (written by hand) gets one too.
const HIT_SCRIPT = `
local n = redis.call('INCR', KEYS[1])
if n == 1 or redis.call('PTTL', KEYS[1]) < 0 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
return n`;

// DECR alone would create a counter at -1, without expiry, for a key that had expired.
const REFUND_SCRIPT = `
local n = tonumber(redis.call('GET', KEYS[1]) or '0')
if n > 0 then return redis.call('DECR', KEYS[1]) end
return 0`;

/** Attempts counted in Redis, so every instance of every app shares one count per key. */
export class RedisRateLimiter implements RateLimiter {
  readonly #client: Redis;
  readonly #prefix: string;

  constructor(options: RedisConnectionOptions & { keyPrefix?: string }) {
    this.#client = openRedis(options);
    // Failures surface on each command; the connection's own errors only mean "reconnecting".
    this.#client.on('error', () => undefined);
    this.#prefix = `${options.keyPrefix ?? 'hatago:'}rl:`;
  }

  async hit(key: string, windowMs: number): Promise<number> {
    return Number(await this.#client.eval(HIT_SCRIPT, 1, this.#prefix + key, Math.max(1, Math.ceil(windowMs))));
  }

  async refund(key: string): Promise<void> {
    await this.#client.eval(REFUND_SCRIPT, 1, this.#prefix + key);
  }

  async reset(key: string): Promise<void> {
    await this.#client.del(this.#prefix + key);
  }

  ready(timeoutMs?: number): Promise<void> {
    return waitUntilReady(this.#client, timeoutMs);
  }

  close(): Promise<void> {
    return closeRedis(this.#client);
  }
}
