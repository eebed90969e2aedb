export { cacheContract, eventually, nextInvalidation, type CacheFixture } from './cache.contract.ts';
export { rateLimiterContract, type RateLimiterFixture } from './rate-limiter.contract.ts';
