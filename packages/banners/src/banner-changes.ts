import type { Cache } from '@hatago/cache';
import type { EdgeKeySource } from '@hatago/platform/edge';

/** Everything derived from the live banner document: the cached document and the pages that show it. */
export const BANNERS_NAMESPACE = 'banners';
/** The Surrogate-Key of every guest page and API answer that shows banners. */
export const BANNERS_EDGE_KEY = 'banners';

export interface BannersPublished {
  version: number;
}

/**
 * Publishes, over the cache's invalidation channel, that a new banner document is live:
 * every instance sharing the cache drops its copy at once and its listeners hear of it
 * (the edge is purged this way). Never fails: the version is already committed.
 */
export class BannerChanges {
  constructor(private readonly cache: Cache) {}

  async publish(published: BannersPublished): Promise<void> {
    try {
      await this.cache.publishInvalidation({ namespaces: [BANNERS_NAMESPACE], event: { type: 'banners-published', version: published.version } });
    } catch (error) {
      this.cache.telemetry.failed('invalidate', error);
    }
  }

  /** Hears every publish by any instance, this one included; returns the unsubscribe. */
  subscribe(listener: (published: BannersPublished) => void): () => void {
    return this.cache.subscribeInvalidations((invalidation) => {
      const event = invalidation.event as { type?: unknown; version?: unknown } | undefined;
      if (event?.type === 'banners-published' && Number.isInteger(event.version)) listener({ version: event.version as number });
    });
  }
}

/** Banner publishes as the edge key they make stale (every page and API answer showing banners), for `purgeEdgeOn`. */
export const bannerEdgeKeys =
  (changes: Pick<BannerChanges, 'subscribe'>): EdgeKeySource =>
  (listener) =>
    changes.subscribe(() => listener([BANNERS_EDGE_KEY]));
