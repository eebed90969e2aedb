/** How long a shared cache keeps a response fresh, and may then serve it while it refreshes. */
export interface SharedLifetime {
  maxAgeSeconds: number;
  /** Absent: the cache's own grace decides (the edge route's `graceSeconds`). */
  staleWhileRevalidateSeconds?: number;
}

/**
 * What a browser is told about a response the edge purges by key: it may store it, but it is
 * stale at once and never served stale, so each use asks again and the edge answers from its
 * copy. `max-age=0, must-revalidate` rather than `no-cache`: for a browser the two mean the same
 * (RFC 9111 §4.2.4, §5.2.2.2: no reuse without a successful revalidation, offline included), and
 * this one keeps the `public, max-age=N` shape every other public answer of ours has.
 */
export const BROWSER_REVALIDATES = 'public, max-age=0, must-revalidate';

// RFC 9213 fields are Structured Fields integers; a change due in the past means "ask again now"
const seconds = (value: number): number => {
  if (!Number.isFinite(value)) throw new RangeError(`a cache lifetime must be a finite number of seconds, not ${value}`);
  return Math.max(0, Math.floor(value));
};

/** `public, max-age=N[, stale-while-revalidate=M]`: a lifetime every shared cache and browser reads alike. */
export function sharedCacheControl(lifetime: SharedLifetime): string {
  const swr = lifetime.staleWhileRevalidateSeconds;
  return `public, max-age=${seconds(lifetime.maxAgeSeconds)}${swr === undefined ? '' : `, stale-while-revalidate=${seconds(swr)}`}`;
}

/**
 * The headers of a shared response the edge purges by Surrogate-Key when what it shows changes
 * (a price, seats, a banner). The edge is purged within a second, browsers never are: so browsers
 * revalidate every time (BROWSER_REVALIDATES) and only the edge keeps it for `edge`, told through
 * `Hatago-Cache-Control` (RFC 9213), which only Hatago's edge (Node and VCL) reads and which it
 * removes before the client, as it removes `Surrogate-Key`.
 */
export function purgedByKeyHeaders(surrogateKeys: readonly string[], edge: SharedLifetime): Record<'cache-control' | 'hatago-cache-control' | 'surrogate-key', string> {
  if (surrogateKeys.length === 0 || surrogateKeys.some((key) => !/^[!-~]+$/.test(key))) {
    throw new RangeError(`surrogate keys must be one or more visible ASCII words, not ${JSON.stringify(surrogateKeys)}`);
  }
  return { 'cache-control': BROWSER_REVALIDATES, 'hatago-cache-control': sharedCacheControl(edge), 'surrogate-key': surrogateKeys.join(' ') };
}
