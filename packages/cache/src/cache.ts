import { randomBytes } from 'node:crypto';
import type { CacheTelemetry } from './cache-telemetry.ts';

/**
 * A cache of data derived from the database (search results, hotel pages), shared by
 * every instance of an app in production (Redis) and held in the process in embedded mode
 * (memory). It is never the source of truth: any failure of it is a miss (see `cached`),
 * and anything read from it may be dropped at any time.
 *
 * Invalidation is by versioned namespaces: a key is built from the current version of
 * each namespace it depends on (a hotel, the search results), so one `publishInvalidation`
 * that replaces the versions makes everything derived from them unreachable at once,
 * without finding and deleting the keys; the orphans expire by their TTL.
 */
export interface Cache {
  readonly backend: 'memory' | 'redis';
  /** Counts hits, misses and failures, and logs when the cache starts or stops failing. */
  readonly telemetry: CacheTelemetry;
  get(key: string): Promise<string | undefined>;
  set(key: string, value: string, ttlMs: number): Promise<void>;
  delete(key: string): Promise<void>;
  /** The current version of each namespace, in order; a namespace seen for the first time gets one. */
  versions(namespaces: readonly string[]): Promise<string[]>;
  /**
   * Gives each namespace a new version, so every key built from the old ones is gone for
   * every instance, then tells every instance's listeners (this one's included, at once).
   */
  publishInvalidation(invalidation: Invalidation): Promise<void>;
  /** Listens to invalidations published by any instance sharing this cache; returns the unsubscribe. */
  subscribeInvalidations(listener: InvalidationListener): () => void;
  /** Throws when the cache cannot be reached. */
  ping(): Promise<void>;
  close(): Promise<void>;
}

export interface Invalidation {
  namespaces: string[];
  /** What changed, as JSON, for listeners that act on it (the edge purging its own cache). */
  event?: unknown;
}

export type InvalidationListener = (invalidation: Invalidation) => void;

/**
 * Versions are random, never counters: were a version lost (Redis restarted, the key
 * evicted), a counter would start again at a number whose old keys may still be cached;
 * a fresh random version can only ever name new keys.
 */
export const newVersion = (): string => randomBytes(9).toString('base64url');

/** The key of a value that depends on namespaces, at their current versions. */
export function versionedKey(key: string, namespaces: readonly string[], versions: readonly string[]): string {
  return `${key}|${namespaces.map((namespace, i) => `${namespace}@${versions[i]}`).join('|')}`;
}

/** Runs every listener, so one that throws cannot keep the others from hearing of a change. */
export function notifyListeners(listeners: Iterable<InvalidationListener>, invalidation: Invalidation, telemetry: CacheTelemetry): void {
  for (const listener of listeners) {
    try {
      listener(invalidation);
    } catch (error) {
      telemetry.failed('listener', error);
    }
  }
}
