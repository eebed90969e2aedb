import type { IncomingMessage, ServerResponse } from 'node:http';
import type { CacheMetrics } from './cache-metrics.ts';
import { CACHE_STATUS, type XCache } from './cache-status.ts';
import { type CachedEntry, headersWith, notModifiedFor, representationFor, stampHit } from './cached-entry.ts';
import { preferredEncoding } from './content-encoding.ts';
import type { EdgeExchange } from './edge-exchange.ts';

/** Answers from an entry, recording the outcome on the exchange. */
export function serveEntry(metrics: CacheMetrics, exchange: EdgeExchange, entry: CachedEntry, now: number, xCache: XCache, cacheStatus: string): void {
  exchange.cacheStatus = xCache;
  metrics.served[xCache].inc();
  writeEntry(exchange.req, exchange.res, exchange.requestId, entry, now, xCache, cacheStatus);
}

/**
 * Writes an entry to a client. A plain hit writes the entry's prepared header list with
 * only the request id and Age filled in, and its prepared body: no parsing, no header
 * objects, one writeHead call (see stampHit).
 */
export function writeEntry(req: IncomingMessage, res: ServerResponse, requestId: string, entry: CachedEntry, now: number, xCache: XCache, cacheStatus: string): void {
  const age = Math.floor(entry.timing.initialAge + (now - entry.timing.storedAt) / 1000);
  const plainHit = cacheStatus === CACHE_STATUS.hit;
  const ifNoneMatch = req.headers['if-none-match'];
  const ifModifiedSince = req.headers['if-modified-since'];
  if ((ifNoneMatch !== undefined || ifModifiedSince !== undefined) && notModifiedFor(entry, ifNoneMatch, ifModifiedSince)) {
    res.writeHead(304, plainHit ? stampHit(entry.notModifiedHeaders, requestId, age) : headersWith(entry.notModifiedHeaders, requestId, xCache, cacheStatus, age));
    res.end();
    return;
  }
  const representation = entry.encodedByEdge ? representationFor(entry, preferredEncoding(req.headers['accept-encoding'])) : entry.identity;
  res.writeHead(entry.status, plainHit ? stampHit(representation.headers, requestId, age) : headersWith(representation.headers, requestId, xCache, cacheStatus, age));
  // node sends no body for HEAD, so a HEAD is answered from the GET's entry with the same headers
  res.end(representation.body);
}
