import type { Logger } from '@hatago/platform/logging';
import type { CacheMetrics } from './cache-metrics.ts';
import type { CacheStore } from './cache-store.ts';
import type { CachedEntry } from './cached-entry.ts';
import type { Clock, PolicyFactory } from './freshness.ts';
import type { RequestCollapsing } from './request-collapsing.ts';
import type { RemovalWatch } from './removal-watch.ts';

/** What a leader's origin fetch produced, for the requests that waited on it. */
export type Outcome =
  | { kind: 'stored'; entry: CachedEntry }
  | { kind: 'pass' }
  | { kind: 'failed'; error?: unknown };

/** What the cache's parts share: EdgeCache answers and purges, CacheFill fetches and stores. */
export interface CacheState {
  readonly store: CacheStore;
  readonly collapsing: RequestCollapsing<Outcome>;
  readonly metrics: CacheMetrics;
  readonly now: Clock;
  readonly newPolicy: PolicyFactory;
  readonly logger: Logger | undefined;
  /** Purges and invalidations seen by running fills, so a fill that began before one cannot store what it removed as fresh. */
  readonly removals: RemovalWatch;
}
