import type { Redis } from 'ioredis';
import { closeRedis, openRedis, waitUntilReady } from '@hatago/cache/redis';
import type { Logger } from '@hatago/platform/logging';
import type { RateLimitCounter, RateLimitRefusal, RateLimitSpec } from './rate-limits.ts';

// The edge's token bucket (rate-limiter.ts) in one atomic step for every limit a request matches, on Redis's
// clock so every instance agrees: `requests` tokens refilled evenly over the window. Limits are taken in order
// and the first empty one refuses, as in this process. A bucket left alone for its window is full again, so it
// expires then. Returns 0, or the refusing limit's 1-based index and the seconds until it has a token.
const TAKE_SCRIPT = `
local clock = redis.call('TIME')
local now = tonumber(clock[1]) * 1000 + math.floor(tonumber(clock[2]) / 1000)
for i, key in ipairs(KEYS) do
  local requests = tonumber(ARGV[2 * i - 1])
  local windowMs = tonumber(ARGV[2 * i])
  local perMs = requests / windowMs
  local bucket = redis.call('HMGET', key, 'tokens', 'at')
  local tokens = tonumber(bucket[1]) or requests
  local at = tonumber(bucket[2]) or now
  tokens = math.min(requests, tokens + math.max(0, now - at) * perMs)
  if tokens < 1 then
    return {i, math.max(1, math.ceil((1 - tokens) / perMs / 1000))}
  end
  redis.call('HSET', key, 'tokens', tostring(tokens - 1), 'at', tostring(now))
  redis.call('PEXPIRE', key, windowMs)
end
return {0, 0}`;

export interface RedisRateLimitsOptions {
  url: string;
  commandTimeoutMs?: number;
  /** Where a client's count goes while Redis does not answer: this process's or the primary's. */
  fallback: RateLimitCounter;
  logger: Logger;
  keyPrefix?: string;
}

/**
 * Per-client limits counted in Redis, once for every edge instance and worker (the instances behind
 * one balancer each see part of a client's connections). A Redis that fails or is slow (its command
 * timeout) neither locks clients out nor lifts the limits: the request is counted by the fallback,
 * so during an outage a client may get its limit once per instance.
 */
export class RedisRateLimits implements RateLimitCounter {
  readonly #client: Redis;
  readonly #fallback: RateLimitCounter;
  readonly #logger: Logger;
  readonly #prefix: string;
  #failing = false;

  constructor(options: RedisRateLimitsOptions) {
    this.#client = openRedis({ url: options.url, connectionName: 'hatago-edge', ...(options.commandTimeoutMs ? { commandTimeoutMs: options.commandTimeoutMs } : {}) });
    // failures surface on each command; the connection's own errors only mean "reconnecting"
    this.#client.on('error', () => undefined);
    this.#fallback = options.fallback;
    this.#logger = options.logger;
    this.#prefix = `${options.keyPrefix ?? 'hatago:'}edge-rl:`;
  }

  async take(limits: readonly RateLimitSpec[], client: string): Promise<RateLimitRefusal | undefined> {
    const keys = limits.map((limit) => `${this.#prefix}${limit.name}:${client}`);
    const numbers = limits.flatMap((limit) => [limit.requests, limit.windowSeconds * 1000]);
    let answer: [number, number];
    try {
      answer = (await this.#client.eval(TAKE_SCRIPT, keys.length, ...keys, ...numbers)) as [number, number];
    } catch (error) {
      // once per outage, not once per request
      if (!this.#failing) this.#logger.warn({ err: error }, 'rate limits: Redis unavailable, counting without it');
      this.#failing = true;
      return this.#fallback.take(limits, client);
    }
    if (this.#failing) this.#logger.info('rate limits: counting in Redis again');
    this.#failing = false;
    const [index, retryAfter] = answer;
    return index === 0 ? undefined : { limit: limits[index - 1]!.name, retryAfter };
  }

  /** Resolves once connected; until then (a command sent while connecting fails at once) the fallback counts. */
  ready(timeoutMs?: number): Promise<void> {
    return waitUntilReady(this.#client, timeoutMs);
  }

  close(): void {
    this.#fallback.close();
    void closeRedis(this.#client);
  }
}
