import { type Cache, cached } from '@hatago/cache';
import type { Executor } from '@hatago/db';
import { BANNERS_NAMESPACE } from '../banner-changes.ts';
import { type BannerDocument, EMPTY_DOCUMENT_TEXT } from '../document/banner-document.ts';
import { liveVersion } from '../versions/banner-versions.ts';

export interface LiveDocument {
  /** Null before anything was published. */
  version: number | null;
  document: BannerDocument;
}

/**
 * The live banner document as every guest page reads it: from this process's memory, else
 * the shared cache (Redis in distributed mode), else the database. A publish on any
 * instance renews the `banners` namespace on the cache's invalidation channel: the shared
 * copy becomes unreachable and every instance drops its memory copy when it hears it. The
 * memory copy also expires on its own, in case a message was lost.
 */
export class LiveBannerDocument {
  #memo: { value: Promise<LiveDocument>; until: number } | undefined;
  readonly #unsubscribe: () => void;

  constructor(
    private readonly db: Executor,
    private readonly cache: Cache,
    private readonly options: { memoryMs: number; cacheMs: number; now: () => number } = { memoryMs: 30_000, cacheMs: 300_000, now: Date.now },
  ) {
    this.#unsubscribe = cache.subscribeInvalidations((invalidation) => {
      if (invalidation.namespaces.includes(BANNERS_NAMESPACE)) this.#memo = undefined;
    });
  }

  current(): Promise<LiveDocument> {
    const now = this.options.now();
    if (this.#memo && this.#memo.until > now) return this.#memo.value;
    const value = cached(this.cache, { key: 'banners:live', namespaces: [BANNERS_NAMESPACE] }, this.options.cacheMs, async () => {
      const live = await liveVersion(this.db);
      return { version: live?.version ?? null, document: JSON.parse(live?.text ?? EMPTY_DOCUMENT_TEXT) as BannerDocument };
    });
    const memo = { value, until: now + this.options.memoryMs };
    this.#memo = memo;
    // a failed read is not remembered: the next page tries again
    value.catch(() => {
      if (this.#memo === memo) this.#memo = undefined;
    });
    return value;
  }

  close(): void {
    this.#unsubscribe();
  }
}
