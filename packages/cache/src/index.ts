export { type Cache, type Invalidation, type InvalidationListener, versionedKey } from './cache.ts';
export { CacheTelemetry, type CacheOperation } from './cache-telemetry.ts';
export { cached, type CachedValue } from './cached.ts';
export { claimAttempt, type AttemptLimit, type RateLimiter } from './rate-limiter.ts';
export { FallbackRateLimiter } from './fallback-rate-limiter.ts';
export { MemoryCache, type MemoryCacheOptions } from './memory/memory-cache.ts';
export { MemoryRateLimiter } from './memory/memory-rate-limiter.ts';
export { cacheReadiness } from './cache-readiness.ts';
export { LiveValue, type LiveValueOptions } from './live-value.ts';
