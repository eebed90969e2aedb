import type { IncomingHttpHeaders, OutgoingHttpHeaders } from 'node:http';
import type CachePolicy from 'http-cache-semantics';
import type { KeyQuery } from '@hatago/edge-rules';
import { type EncodedBodies, encodeBody, type Encoding, isCompressible } from './content-encoding.ts';
import { variantKey } from './cache-key.ts';
import { CACHE_STATUS, type XCache } from './cache-status.ts';
import type { EntryTiming } from './freshness.ts';
import { flatten, withVaryOnEncoding } from './response-headers.ts';

/** One stored encoding of a response: its body and the complete header list a hit writes. */
export interface Representation {
  readonly body: Buffer;
  /** `[name, value …, 'x-request-id', '', 'x-cache', 'HIT', 'cache-status', …, 'age', '0']`: a hit only fills in the request id and the age. */
  readonly headers: string[];
}

/** A stored response, with everything a hit needs prepared when it was stored. */
export interface CachedEntry {
  readonly id: string;
  readonly key: string;
  readonly url: string;
  readonly path: string;
  readonly status: number;
  readonly policy: CachePolicy;
  /** The origin's headers as stored (hop-by-hop, surrogate keys and length removed): the base of a 304 merge. */
  readonly storedHeaders: IncomingHttpHeaders;
  readonly surrogateKeys: readonly string[];
  /** Request headers the variants of this URL differ by (Accept-Encoding left out when the edge encodes itself). */
  readonly vary: readonly string[];
  readonly variant: string;
  readonly identity: Representation;
  readonly gzip: Representation | undefined;
  readonly br: Representation | undefined;
  /** Whether the edge made the encodings (so it picks one per client) or the origin sent one fixed encoding. */
  readonly encodedByEdge: boolean;
  /** Whether the miss that stored it said `Vary: Accept-Encoding` (see mayEncode): every later answer says the same. */
  readonly varyOnEncoding: boolean;
  readonly notModifiedHeaders: string[];
  readonly etag: string | undefined;
  /** Last-Modified in ms, NaN when absent. */
  readonly lastModified: number;
  /** The rule's key query, so a purge by URL can normalise its URL the same way. */
  readonly keyQuery: KeyQuery;
  timing: EntryTiming;
  /** A background refresh is running: stale-while-revalidate starts only one. */
  refreshing: boolean;
  readonly size: number;
}

// RFC 9110 §15.4.5: what a 304 carries from the stored response
const NOT_MODIFIED_FIELDS = ['cache-control', 'content-location', 'date', 'etag', 'expires', 'last-modified', 'vary'];

// the request id travels in the one header list writeHead gets: a field set earlier with setHeader makes node merge and re-check every field one by one
const TRAILER_LENGTH = 8;
const withTrailer = (base: string[]) => [...base, 'x-request-id', '', 'x-cache', 'HIT', 'cache-status', CACHE_STATUS.hit, 'age', '0'];

/** A copy of prepared headers with the request id, cache outcome and age filled in (a plain hit fills them in place instead). */
export function headersWith(prepared: string[], requestId: string, xCache: XCache, cacheStatus: string, age: number): string[] {
  const headers = prepared.slice();
  const at = headers.length - TRAILER_LENGTH;
  headers[at + 1] = requestId;
  headers[at + 3] = xCache;
  headers[at + 5] = cacheStatus;
  headers[at + 7] = String(age);
  return headers;
}

/** Fills the request id and age of prepared hit headers in place; the caller writes them before yielding. */
export function stampHit(prepared: string[], requestId: string, age: number): string[] {
  prepared[prepared.length - TRAILER_LENGTH + 1] = requestId;
  prepared[prepared.length - 1] = String(age);
  return prepared;
}

export interface EntryParts {
  key: string;
  url: string;
  path: string;
  status: number;
  policy: CachePolicy;
  storedHeaders: IncomingHttpHeaders;
  surrogateKeys: readonly string[];
  /** Request headers the origin's response varies on. */
  vary: readonly string[];
  /** The request that fetched it, to compute its variant. */
  requestHeaders: IncomingHttpHeaders;
  keyQuery: KeyQuery;
  body: Buffer;
  timing: EntryTiming;
  /** What the miss decided from the response head (mayEncode); the edge encodes only then. */
  varyOnEncoding: boolean;
  /** Encodings kept from the entry a 304 refreshed: the body did not change, so neither did they. */
  encoded?: EncodedBodies;
}

/**
 * Prepares a response for storage: compresses it once per encoding when it is compressible
 * and arrived unencoded, and builds each encoding's full header list so a hit does no
 * header work beyond the Age.
 */
export async function buildEntry(parts: EntryParts): Promise<CachedEntry> {
  const { storedHeaders, body } = parts;
  const encodedByEdge = parts.varyOnEncoding && isCompressible(storedHeaders, body.length);
  const encodings = encodedByEdge ? (parts.encoded ?? (await encodeBody(body))) : {};
  const common = parts.varyOnEncoding ? { ...storedHeaders, vary: withVaryOnEncoding(storedHeaders.vary) } : storedHeaders;
  const base = flatten(common);
  const representation = (encoding: Encoding, bytes: Buffer): Representation => ({
    body: bytes,
    headers: withTrailer([
      ...base,
      ...(encoding === 'identity' ? [] : ['content-encoding', encoding]),
      'content-length',
      String(bytes.length),
    ]),
  });
  const notModified = NOT_MODIFIED_FIELDS.flatMap((name) => {
    const value = name === 'vary' ? common.vary : storedHeaders[name];
    return value === undefined ? [] : [name, String(value)];
  });
  const identity = representation('identity', body);
  const gzip = encodings.gzip ? representation('gzip', encodings.gzip) : undefined;
  const br = encodings.br ? representation('br', encodings.br) : undefined;
  const headerBytes = base.reduce((sum, part) => sum + part.length + 4, 0);
  const etag = storedHeaders.etag;
  const lastModified = storedHeaders['last-modified'] ? Date.parse(storedHeaders['last-modified']) : Number.NaN;
  const { encoded: _reused, requestHeaders, ...fields } = parts;
  // every encoding lives in this one entry, so Accept-Encoding no longer selects among entries
  const vary = encodedByEdge ? parts.vary.filter((name) => name !== 'accept-encoding') : parts.vary;
  const variant = variantKey(vary, requestHeaders);
  return {
    ...fields,
    id: vary.length === 0 ? parts.key : `${parts.key}\n${variant}`,
    vary,
    variant,
    identity,
    gzip,
    br,
    encodedByEdge,
    notModifiedHeaders: withTrailer(notModified),
    etag,
    lastModified,
    refreshing: false,
    size: body.length + (gzip?.body.length ?? 0) + (br?.body.length ?? 0) + headerBytes * 4 + 512,
  };
}

/** The representation for a client: its preferred encoding when the edge made several, else the one stored. */
export function representationFor(entry: CachedEntry, encoding: Encoding): Representation {
  if (!entry.encodedByEdge || encoding === 'identity') return entry.identity;
  return (encoding === 'br' ? entry.br : entry.gzip) ?? entry.identity;
}

/**
 * Whether a client's conditional request is satisfied by the entry (RFC 9110 §13.2.2):
 * If-None-Match with weak comparison, If-Modified-Since only when If-None-Match is absent.
 */
export function notModifiedFor(entry: CachedEntry, ifNoneMatch: string | undefined, ifModifiedSince: string | undefined): boolean {
  if (ifNoneMatch !== undefined) {
    if (entry.etag === undefined) return false;
    if (ifNoneMatch.trim() === '*') return true;
    const stored = entry.etag.replace(/^W\//, '');
    return ifNoneMatch.split(',').some((tag) => tag.trim().replace(/^W\//, '') === stored);
  }
  if (ifModifiedSince !== undefined && !Number.isNaN(entry.lastModified)) {
    const since = Date.parse(ifModifiedSince);
    return !Number.isNaN(since) && entry.lastModified <= since;
  }
  return false;
}

/** The stored validators, for a conditional request that revalidates the entry. */
export function validatorsOf(entry: CachedEntry): OutgoingHttpHeaders {
  const validators: OutgoingHttpHeaders = {};
  const etag = entry.storedHeaders.etag;
  const lastModified = entry.storedHeaders['last-modified'];
  if (etag !== undefined) validators['if-none-match'] = etag;
  if (lastModified !== undefined) validators['if-modified-since'] = lastModified;
  return validators;
}

/** A soft purge: the entry stops being fresh now, and its stale windows start now. */
export function markStale(entry: CachedEntry, now: number): void {
  const timing = entry.timing;
  if (timing.freshUntil <= now) return;
  entry.timing = {
    ...timing,
    freshUntil: now,
    staleWhileRevalidateUntil: now + timing.staleWhileRevalidateSeconds * 1000,
    staleIfErrorUntil: now + timing.staleIfErrorSeconds * 1000,
  };
}
