export { RedisCache, type RedisCacheOptions } from './redis-cache.ts';
export { RedisRateLimiter } from './redis-rate-limiter.ts';
export { openRedis, waitUntilReady, closeRedis, type RedisConnectionOptions } from './redis-connection.ts';
export { RedisEnv } from './redis-env.ts';
