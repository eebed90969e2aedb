import type { Cache } from './cache.ts';
import { cached } from './cached.ts';

export interface LiveValueOptions<T> {
  /** The shared cache's key and the namespace whose invalidation drops every copy. */
  key: string;
  namespace: string;
  /** The source of truth, read when neither this process nor the shared cache has the value. */
  load: () => Promise<T>;
  /** How long this process keeps its copy without hearing of a change (a lost message heals within it). */
  memoryMs: number;
  /** How long the shared copy lives. */
  cacheMs: number;
  now?: () => number;
}

/**
 * A value every instance reads on every request and someone changes rarely (the banner
 * document, the feature flags): from this process's memory, else the shared cache (Redis in
 * distributed mode), else `load`. A change anywhere renews the namespace on the cache's
 * invalidation channel: the shared copy becomes unreachable and every instance drops its
 * memory copy when it hears it, so the change shows everywhere within the message's way.
 */
export class LiveValue<T> {
  #memo: { value: Promise<T>; until: number } | undefined;
  readonly #unsubscribe: () => void;
  readonly #now: () => number;

  constructor(
    private readonly cache: Cache,
    private readonly options: LiveValueOptions<T>,
  ) {
    this.#now = options.now ?? Date.now;
    this.#unsubscribe = cache.subscribeInvalidations((invalidation) => {
      if (invalidation.namespaces.includes(options.namespace)) this.#memo = undefined;
    });
  }

  current(): Promise<T> {
    const now = this.#now();
    if (this.#memo && this.#memo.until > now) return this.#memo.value;
    const { key, namespace, cacheMs, load, memoryMs } = this.options;
    const value = cached(this.cache, { key, namespaces: [namespace] }, cacheMs, load);
    const memo = { value, until: now + memoryMs };
    this.#memo = memo;
    // a failed read is not remembered: the next request tries again
    value.catch(() => {
      if (this.#memo === memo) this.#memo = undefined;
    });
    return value;
  }

  close(): void {
    this.#unsubscribe();
  }
}
