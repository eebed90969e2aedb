import type { CachedEntry } from './cached-entry.ts';

/** A purge or invalidation, as the entries it covers. */
export type Removal = (entry: CachedEntry) => boolean;

/** The removals one fill has seen since it asked the origin. */
export type SeenRemovals = Removal[];

/**
 * Tells each running fill which removals happened while it fetched, so a fill is kept only
 * as stale when a removal covered its own entry (same path or URL, a surrogate key of its
 * response, or everything), never because something else was written or purged meanwhile:
 * a booking must not make the page fills running beside it uncacheable. Only removals seen
 * by a running fill are held, and only until it stores.
 */
export class RemovalWatch {
  private readonly running = new Set<SeenRemovals>();

  begin(): SeenRemovals {
    const seen: SeenRemovals = [];
    this.running.add(seen);
    return seen;
  }

  end(seen: SeenRemovals): void {
    this.running.delete(seen);
  }

  record(removal: Removal): void {
    for (const seen of this.running) seen.push(removal);
  }
}

/** Whether one of the removals a fill saw covers the entry it is storing. */
export const spoiled = (seen: SeenRemovals, entry: CachedEntry): boolean => seen.some((covers) => covers(entry));

export const removesEverything: Removal = () => true;
export const removesPaths =
  (paths: ReadonlySet<string>): Removal =>
  (entry) =>
    paths.has(entry.path);
export const removesSurrogateKeys =
  (keys: readonly string[]): Removal =>
  (entry) =>
    entry.surrogateKeys.some((key) => keys.includes(key));
