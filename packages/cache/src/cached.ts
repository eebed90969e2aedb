import type { Cache } from './cache.ts';
import { versionedKey } from './cache.ts';

export interface CachedValue {
  key: string;
  /** Namespaces the value is derived from: invalidating any of them drops it. */
  namespaces?: readonly string[];
}

/**
 * Read-through: the cached value when there is one, else `load()` (the database), stored
 * for `ttlMs`. Any cache failure or timeout is a miss, counted and logged by the cache's
 * telemetry, never an error for the caller: the page comes from the database instead.
 *
 * The namespace versions are read before loading, so a change committed while loading
 * bumps them past the version this value is stored under, and nobody reads it again.
 */
export async function cached<T>(cache: Cache, entry: string | CachedValue, ttlMs: number, load: () => Promise<T>): Promise<T> {
  const { key, namespaces = [] } = typeof entry === 'string' ? { key: entry } : entry;
  let storedKey: string | undefined;
  try {
    storedKey = namespaces.length ? versionedKey(key, namespaces, await cache.versions(namespaces)) : key;
    const hit = await cache.get(storedKey);
    cache.telemetry.succeeded();
    if (hit !== undefined) {
      cache.telemetry.read('hit');
      return JSON.parse(hit) as T;
    }
    cache.telemetry.read('miss');
  } catch (error) {
    cache.telemetry.read('error');
    cache.telemetry.failed('get', error);
  }
  const value = await load();
  if (storedKey !== undefined) {
    await cache.set(storedKey, JSON.stringify(value), ttlMs).catch((error: unknown) => cache.telemetry.failed('set', error));
  }
  return value;
}
