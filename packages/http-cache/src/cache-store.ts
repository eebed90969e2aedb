import type { IncomingHttpHeaders } from 'node:http';
import { LRUCache } from 'lru-cache';
import type { CachedEntry } from './cached-entry.ts';
import { variantKey } from './cache-key.ts';

export interface StoreLimits {
  /** Total bytes of stored bodies (all encodings) and headers before the least recently used entries go. */
  maxBytes: number;
  /** Largest single response kept; bigger ones are streamed through and not stored. */
  maxObjectBytes: number;
}

/** A URL's variants: the request headers they differ by, and which entries exist. */
interface VariantGroup {
  vary: readonly string[];
  ids: Set<string>;
}

export type Lookup =
  | { found: 'entry'; entry: CachedEntry }
  | { found: 'no-variant' }
  | { found: 'nothing' };

/**
 * The entries, bounded by bytes with LRU eviction, plus the indexes purges need (surrogate
 * key → entries, path → entries). Every removal — eviction, replacement, purge — goes
 * through `dispose`, so the indexes never point at an entry that is gone.
 */
export class CacheStore {
  private readonly entries: LRUCache<string, CachedEntry>;
  private readonly groups = new Map<string, VariantGroup>();
  private readonly bySurrogateKey = new Map<string, Set<CachedEntry>>();
  private readonly byPath = new Map<string, Set<CachedEntry>>();
  private bytes = 0;

  constructor(readonly limits: StoreLimits) {
    this.entries = new LRUCache<string, CachedEntry>({
      maxSize: limits.maxBytes,
      maxEntrySize: limits.maxObjectBytes * 3,
      sizeCalculation: (entry) => entry.size,
      dispose: (entry) => this.unindex(entry),
    });
  }

  /** The entry for a request, or why there is none (no URL at all, or not this variant). */
  lookup(key: string, headers: IncomingHttpHeaders): Lookup {
    const group = this.groups.get(key);
    if (group === undefined) return NOTHING;
    const entry = this.entries.get(group.vary.length === 0 ? key : `${key}\n${variantKey(group.vary, headers)}`);
    return entry === undefined ? NO_VARIANT : { found: 'entry', entry };
  }

  /** Stores an entry (replacing the same variant), unless it alone exceeds what the budget allows. */
  put(entry: CachedEntry): void {
    const group = this.groups.get(entry.key);
    // a response that varies differently replaces the URL's variants: they were selected by other headers
    if (group !== undefined && !sameNames(group.vary, entry.vary)) {
      for (const id of [...group.ids]) this.entries.delete(id);
    }
    this.entries.set(entry.id, entry);
    // an entry larger than the budget allows is refused by the LRU without a call to dispose
    if (this.entries.peek(entry.id) !== entry) return;
    let current = this.groups.get(entry.key);
    if (current === undefined) {
      current = { vary: entry.vary, ids: new Set() };
      this.groups.set(entry.key, current);
    }
    current.ids.add(entry.id);
    this.bytes += entry.size;
    for (const surrogate of entry.surrogateKeys) addTo(this.bySurrogateKey, surrogate, entry);
    addTo(this.byPath, entry.path, entry);
  }

  remove(entry: CachedEntry): void {
    if (this.entries.peek(entry.id) === entry) this.entries.delete(entry.id);
  }

  withSurrogateKey(surrogateKey: string): CachedEntry[] {
    return [...(this.bySurrogateKey.get(surrogateKey) ?? [])];
  }

  withPath(path: string): CachedEntry[] {
    return [...(this.byPath.get(path) ?? [])];
  }

  all(): CachedEntry[] {
    return [...this.entries.values()];
  }

  clear(): void {
    this.entries.clear();
  }

  get storedBytes(): number {
    return this.bytes;
  }

  get count(): number {
    return this.entries.size;
  }

  private unindex(entry: CachedEntry): void {
    this.bytes -= entry.size;
    const group = this.groups.get(entry.key);
    if (group !== undefined) {
      group.ids.delete(entry.id);
      if (group.ids.size === 0) this.groups.delete(entry.key);
    }
    for (const surrogate of entry.surrogateKeys) removeFrom(this.bySurrogateKey, surrogate, entry);
    removeFrom(this.byPath, entry.path, entry);
  }
}

const NOTHING: Lookup = { found: 'nothing' };
const NO_VARIANT: Lookup = { found: 'no-variant' };

const sameNames = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((name, i) => name === b[i]);

function addTo(index: Map<string, Set<CachedEntry>>, name: string, entry: CachedEntry) {
  let set = index.get(name);
  if (set === undefined) index.set(name, (set = new Set()));
  set.add(entry);
}

function removeFrom(index: Map<string, Set<CachedEntry>>, name: string, entry: CachedEntry) {
  const set = index.get(name);
  if (set === undefined) return;
  set.delete(entry);
  if (set.size === 0) index.delete(name);
}
