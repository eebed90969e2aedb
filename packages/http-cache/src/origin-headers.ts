import type { IncomingHttpHeaders } from 'node:http';
import { parseHttpDate } from './http-date.ts';

// RFC 9110 §5.3: repeated lines of a list field are one comma-separated list
const LISTS = ['cache-control', 'vary', 'pragma'] as const;
// singletons the freshness decision reads: RFC 9111 §5.1 takes Age's first member
const FIRST_MEMBER = ['age'] as const;
// singletons whose repeated values cannot be trusted: RFC 9111 §4.2.1 makes two Expires mean stale, and a validator is only one value
const CONFLICTING = { expires: '0', etag: undefined, 'last-modified': undefined } as const;

/**
 * The origin's response headers as the freshness library can read them: every field the cache
 * decides on as one string (the origin client hands repeated lines over as an array), Expires
 * as an IMF-fixdate or "0" (the library's Date.parse takes what is no HTTP-date), and
 * Cache-Control directive names lower-cased (RFC 9111 §5.2: case-insensitive; the library
 * matches them exactly). `Surrogate-Key` lines are space-separated tags and stay as they are
 * (surrogateKeysOf joins them). The same object comes back when nothing needed it, as almost always.
 */
export function normaliseOriginHeaders(headers: IncomingHttpHeaders): IncomingHttpHeaders {
  let out: IncomingHttpHeaders | undefined;
  const set = (name: string, value: string | undefined) => {
    out ??= { ...headers };
    if (value === undefined) delete out[name];
    else out[name] = value;
  };
  for (const name of LISTS) {
    const value = headers[name];
    if (Array.isArray(value)) set(name, value.join(', '));
  }
  for (const name of FIRST_MEMBER) {
    const value = headers[name];
    if (value === undefined) continue;
    const first = (Array.isArray(value) ? value.join(',') : value).split(',')[0]!.trim();
    if (first !== value) set(name, first);
  }
  for (const [name, replacement] of Object.entries(CONFLICTING)) {
    const value = headers[name];
    if (!Array.isArray(value)) continue;
    set(name, value.every((v) => v === value[0]) ? value[0] : replacement);
  }
  const expires = (out ?? headers).expires;
  if (expires !== undefined) {
    // RFC 9111 §5.3: an invalid Expires means already expired; a valid one in the form the freshness library reads right
    const at = parseHttpDate(expires);
    const readable = Number.isNaN(at) ? '0' : new Date(at).toUTCString();
    if (readable !== expires) set('expires', readable);
  }
  const cacheControl = (out ?? headers)['cache-control'];
  if (cacheControl !== undefined && /[A-Z]/.test(cacheControl)) set('cache-control', lowerCaseDirectiveNames(cacheControl));
  return out ?? headers;
}

/** `MAX-AGE=60, No-Cache="X-Foo"` as `max-age=60, no-cache="X-Foo"`: names, not values (bar field names in a quoted list, as case-insensitive). */
const lowerCaseDirectiveNames = (value: string) => value.replace(/(^|,)([^=,]*)/g, (_all, comma: string, name: string) => comma + name.toLowerCase());
