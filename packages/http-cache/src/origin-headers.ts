import type { IncomingHttpHeaders } from 'node:http';

// RFC 9110 §5.3: repeated lines of a list field are one comma-separated list
const LISTS = ['cache-control', 'vary', 'pragma'] as const;
// singletons the freshness decision reads: RFC 9111 §5.1 takes Age's first member
const FIRST_MEMBER = ['age'] as const;
// singletons whose repeated values cannot be trusted: RFC 9111 §4.2.1 makes two Expires mean stale, and a validator is only one value
const CONFLICTING = { expires: '0', etag: undefined, 'last-modified': undefined } as const;

/**
 * The origin's response headers with every field the cache reads as one string: the origin
 * client hands repeated lines over as an array, which the freshness library cannot parse.
 * `Surrogate-Key` lines are space-separated tags and stay as they are (surrogateKeysOf joins
 * them). The same object comes back when nothing was repeated, as almost always.
 */
export function combineRepeated(headers: IncomingHttpHeaders): IncomingHttpHeaders {
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
  return out ?? headers;
}
