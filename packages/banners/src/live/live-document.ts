import { type Cache, LiveValue } from '@hatago/cache';
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
 * The live banner document as every guest page reads it, kept live across instances
 * (LiveValue): a publish on any instance drops every copy at once; the memory copy also
 * expires on its own, in case a message was lost.
 */
export class LiveBannerDocument {
  readonly #live: LiveValue<LiveDocument>;

  constructor(db: Executor, cache: Cache, options: { memoryMs: number; cacheMs: number; now: () => number } = { memoryMs: 30_000, cacheMs: 300_000, now: Date.now }) {
    this.#live = new LiveValue(cache, {
      key: 'banners:live',
      namespace: BANNERS_NAMESPACE,
      load: async () => {
        const live = await liveVersion(db);
        return { version: live?.version ?? null, document: JSON.parse(live?.text ?? EMPTY_DOCUMENT_TEXT) as BannerDocument };
      },
      ...options,
    });
  }

  current(): Promise<LiveDocument> {
    return this.#live.current();
  }

  close(): void {
    this.#live.close();
  }
}
