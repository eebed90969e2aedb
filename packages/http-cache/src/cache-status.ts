/** The short answer in `X-Cache`, kept for people and tools that read it. */
export type XCache = 'HIT' | 'MISS' | 'STALE' | 'PASS';

/**
 * `Cache-Status` values (RFC 9211) the edge sends, as constants so no response builds them.
 * `hit` means the cache answered; `fwd=` says why the request went to the origin.
 */
export const CACHE_STATUS = {
  hit: 'Hatago; hit',
  collapsed: 'Hatago; hit; detail=collapsed',
  staleWhileRevalidate: 'Hatago; hit; fwd=stale; detail=stale-while-revalidate',
  uriMiss: 'Hatago; fwd=uri-miss',
  uriMissStored: 'Hatago; fwd=uri-miss; stored',
  varyMiss: 'Hatago; fwd=vary-miss',
  varyMissStored: 'Hatago; fwd=vary-miss; stored',
  bypass: 'Hatago; fwd=bypass',
  hitForPass: 'Hatago; fwd=bypass; detail=hit-for-pass',
  method: 'Hatago; fwd=method',
  range: 'Hatago; fwd=request; detail=range',
} as const;

/** A stale entry sent to the origin: `fwd=stale`, the origin's answer, and whether the result was stored. */
export const staleForwarded = (originStatus: number, stored: boolean) =>
  `Hatago; fwd=stale; fwd-status=${originStatus}${stored ? '; stored' : ''}`;

/** A stale entry served because the origin failed (RFC 5861 stale-if-error or the route's grace). */
export const staleIfError = (originStatus: number | undefined) =>
  `Hatago; fwd=stale${originStatus === undefined ? '' : `; fwd-status=${originStatus}`}; detail=stale-if-error`;
