import type { IncomingHttpHeaders } from 'node:http';
import { TARGETED_FIELDS } from './targeted-cache-control.ts';

// RFC 9110 §7.6.1: connection-specific headers never cross a proxy
const HOP_BY_HOP = new Set([
  'connection',
  'keep-alive',
  'proxy-connection',
  'proxy-authenticate',
  'proxy-authorization',
  'te',
  'trailer',
  'transfer-encoding',
  'upgrade',
]);

/**
 * Headers that are the edge's to set: the origin's values would be wrong once the response is cached or re-encoded
 * (a stored X-Request-Id names the request that filled the cache); the targeted cache controls (RFC 9213) were for this edge only.
 */
const EDGE_OWNED = new Set(['surrogate-key', 'surrogate-control', 'age', 'x-cache', 'cache-status', 'x-request-id', ...TARGETED_FIELDS]);

/**
 * The origin's response headers as the client may see them: hop-by-hop headers (and any
 * the origin named in `Connection`) removed, `Surrogate-Key` stripped, and — for stored
 * responses — the length left to the edge, which knows which encoding it sends.
 */
export function clientHeaders(headers: IncomingHttpHeaders, options: { dropLength: boolean }): IncomingHttpHeaders {
  const named = headers.connection
    ? new Set(String(headers.connection).split(',').map((h) => h.trim().toLowerCase()))
    : undefined;
  const out: IncomingHttpHeaders = {};
  for (const name in headers) {
    if (HOP_BY_HOP.has(name) || EDGE_OWNED.has(name) || named?.has(name)) continue;
    if (options.dropLength && name === 'content-length') continue;
    out[name] = headers[name];
  }
  return out;
}

/** Flattens headers into `[name, value, name, value …]`, the form `writeHead` takes without merging work. */
export function flatten(headers: IncomingHttpHeaders): string[] {
  const flat: string[] = [];
  for (const name in headers) {
    const value = headers[name];
    if (value === undefined) continue;
    if (typeof value === 'string') flat.push(name, value);
    else for (const v of value) flat.push(name, v);
  }
  return flat;
}

/** `Vary` with Accept-Encoding added once, keeping what the origin listed. */
export function withVaryOnEncoding(vary: string | string[] | undefined): string {
  const names = vary === undefined ? [] : (typeof vary === 'string' ? vary : vary.join(',')).split(',').map((n) => n.trim()).filter(Boolean);
  if (!names.some((n) => n.toLowerCase() === 'accept-encoding')) names.push('Accept-Encoding');
  return names.join(', ');
}

/** The space-separated `Surrogate-Key` tags of a response. */
export function surrogateKeysOf(headers: IncomingHttpHeaders): string[] {
  const value = headers['surrogate-key'];
  if (value === undefined) return [];
  return [...new Set((typeof value === 'string' ? value : value.join(' ')).split(/\s+/).filter(Boolean))];
}
