import { LRUCache } from 'lru-cache';
import type { Logger } from 'pino';
import { type Cache, type Invalidation, type InvalidationListener, newVersion, notifyListeners } from '../cache.ts';
import { CacheTelemetry } from '../cache-telemetry.ts';

export interface MemoryCacheOptions {
  /** Bounds on what the process keeps; the least recently used entries go first. */
  maxEntries?: number;
  maxBytes?: number;
  logger?: Logger;
  /** The clock expiry is measured by; tests run it ahead instead of waiting. */
  now?: () => number;
}

/**
 * The embedded default: one process holds every app, so a cache in its memory is shared
 * by all of them and invalidations reach every listener directly.
 */
export class MemoryCache implements Cache {
  readonly backend = 'memory';
  readonly telemetry: CacheTelemetry;
  readonly #entries: LRUCache<string, string>;
  // Versions are never evicted: a version that vanished would be replaced by a new one
  // anyway, but keeping them costs one short string per hotel.
  readonly #versions = new Map<string, string>();
  readonly #listeners = new Set<InvalidationListener>();

  constructor(options: MemoryCacheOptions = {}) {
    this.telemetry = new CacheTelemetry('memory', options.logger);
    const now = options.now;
    this.#entries = new LRUCache<string, string>({
      max: options.maxEntries ?? 10_000,
      maxSize: options.maxBytes ?? 64 * 1024 * 1024,
      sizeCalculation: (value, key) => 2 * (value.length + key.length),
      ...(now ? { perf: { now }, ttlResolution: 0 } : {}),
    });
  }

  async get(key: string): Promise<string | undefined> {
    return this.#entries.get(key);
  }

  async set(key: string, value: string, ttlMs: number): Promise<void> {
    this.#entries.set(key, value, { ttl: ttlMs });
  }

  async delete(key: string): Promise<void> {
    this.#entries.delete(key);
  }

  async versions(namespaces: readonly string[]): Promise<string[]> {
    return namespaces.map((namespace) => {
      let version = this.#versions.get(namespace);
      if (version === undefined) this.#versions.set(namespace, (version = newVersion()));
      return version;
    });
  }

  async publishInvalidation(invalidation: Invalidation): Promise<void> {
    for (const namespace of invalidation.namespaces) this.#versions.set(namespace, newVersion());
    notifyListeners(this.#listeners, invalidation, this.telemetry);
  }

  subscribeInvalidations(listener: InvalidationListener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  async ping(): Promise<void> {}

  async close(): Promise<void> {
    this.#entries.clear();
    this.#listeners.clear();
  }
}
