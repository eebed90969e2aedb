import { Counter, Gauge, type Metric, type Registry } from 'prom-client';
import { SlottedCounter } from '@hatago/platform/metrics';
import type { XCache } from './cache-status.ts';

export interface CacheMetrics {
  /** Counts one response by its X-Cache outcome, with no label work on the way (see SlottedCounter). */
  served: Record<XCache, { inc(): void }>;
  /** Counts a stale answer served because the origin failed: an outage the cache hid from users, never from us. */
  staleOnError: { inc(): void };
  purged(kind: 'key' | 'url' | 'all', soft: boolean, entries: number): void;
  /** Every metric, to register on another registry too (the edge's /metrics). */
  all: Metric[];
}

/** Cache counters and gauges, registered on the registry the admin listener's /metrics collects. */
export function createCacheMetrics(registry: Registry, store: { storedBytes: number; count: number }): CacheMetrics {
  const responses = new SlottedCounter({
    name: 'edge_cache_responses_total',
    help: 'Responses of routes with a cache policy, by outcome (HIT, MISS, STALE, PASS); edge_requests_total counts every route',
    labelNames: ['cache'] as const,
    registers: [registry],
  });
  const staleOnError = new SlottedCounter({
    name: 'edge_cache_stale_if_error_total',
    help: 'Stale answers served because the origin failed or timed out (stale-if-error, grace): each one an origin error users did not see',
    registers: [registry],
  });
  const purges = new Counter({
    name: 'edge_cache_purges_total',
    help: 'Purge requests by kind and mode',
    labelNames: ['kind', 'mode'] as const,
    registers: [registry],
  });
  const purgedEntries = new Counter({
    name: 'edge_cache_purged_entries_total',
    help: 'Entries removed or marked stale by purges',
    labelNames: ['mode'] as const,
    registers: [registry],
  });
  const storedBytes = new Gauge({
    name: 'edge_cache_stored_bytes',
    help: 'Bytes held by the cache (bodies in every encoding, and headers)',
    registers: [registry],
    collect() {
      this.set(store.storedBytes);
    },
  });
  const entries = new Gauge({
    name: 'edge_cache_entries',
    help: 'Responses held by the cache',
    registers: [registry],
    collect() {
      this.set(store.count);
    },
  });
  return {
    served: {
      HIT: responses.slot({ cache: 'HIT' }),
      MISS: responses.slot({ cache: 'MISS' }),
      STALE: responses.slot({ cache: 'STALE' }),
      PASS: responses.slot({ cache: 'PASS' }),
    },
    staleOnError: staleOnError.slot({}),
    purged(kind, soft, count) {
      const mode = soft ? 'soft' : 'hard';
      purges.labels(kind, mode).inc();
      purgedEntries.labels(mode).inc(count);
    },
    all: [responses.counter, staleOnError.counter, purges, purgedEntries, storedBytes, entries],
  };
}
