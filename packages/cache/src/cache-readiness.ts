import type { Cache } from './cache.ts';

/**
 * The cache's part in an app's readiness: the app is ready once the cache has answered
 * one ping, and from then on whatever the cache does. An instance started with a wrong
 * REDIS_URL never becomes ready, so a rolling deploy stops there with the old instances
 * still serving; but a Redis that dies later must not fail readiness, or every instance
 * would leave the balancer at once over a component they all serve without (cache misses
 * go to the database). The price: a new instance cannot become ready while Redis is down.
 */
export function cacheReadiness(cache: Cache): () => Promise<void> {
  let answered = false;
  return async () => {
    if (answered) return;
    await cache.ping();
    answered = true;
  };
}
