import { Type } from '@sinclair/typebox';

/** The Redis settings every process that uses Redis reads (the apps through packages/runtime, the edge for its rate limits). */
export const RedisEnv = {
  REDIS_URL: Type.Optional(Type.String({ pattern: '^rediss?://[^\\s]+$' })),
  /** Prefix of every key and channel, so several deployments can share one Redis. */
  REDIS_KEY_PREFIX: Type.String({ pattern: '^[A-Za-z0-9:_-]{1,40}$', default: 'hatago:' }),
  /** A Redis command slower than this fails, and the request carries on without Redis. */
  REDIS_COMMAND_TIMEOUT_MS: Type.Integer({ minimum: 10, maximum: 10_000, default: 250 }),
};
