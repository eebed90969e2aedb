import type { IncomingHttpHeaders } from 'node:http';
import { preferredEncoding } from './content-encoding.ts';
import type { CacheKeyRule as CacheKeySpec, KeyQuery } from '@hatago/edge-rules';

/** The languages pages exist in; Accept-Language is reduced to one of these (the first is the default). */
export const SERVED_LOCALES = ['ja', 'en'] as const;

export interface RequestKey {
  /** Everything that selects a cached response before Vary. */
  key: string;
  /** The path with the query as the key keeps it: what a purge by URL names, and what the origin is asked for when the rule says `forwardQuery: 'key'`. */
  url: string;
}

export interface KeyedRequest {
  host: string;
  /** The backend after rollout: a canary's page is not the stable page. */
  backend: string;
  path: string;
  /** Raw query without '?', '' when absent. */
  query: string;
  headers: IncomingHttpHeaders;
  /** The edge's flag decision (`hatago-flags`), when it made one: a page is stored per flag set. */
  flags?: string | undefined;
}

export type KeyBuilder = (request: KeyedRequest) => RequestKey;

/**
 * Compiles a key spec once per route, so a hit does no more than split the query.
 * Kept parameters appear in the rule's order (repeats in request order); `?utm_source=…`
 * and every other parameter the route does not keep never split the cache.
 */
export function compileCacheKey(spec: CacheKeySpec): KeyBuilder {
  const normalise = normaliseQuery(spec.query);
  return ({ host, backend, path, query, headers, flags }) => {
    const url = query === '' ? path : normalise(path, query);
    let key = `${backend}\n${host.toLowerCase()}\n${url}`;
    if (flags !== undefined) key += `\nf=${flags}`;
    if (spec.locale) key += `\nl=${normaliseLanguage(headers['accept-language'])}`;
    if (spec.device) key += `\nd=${deviceClass(headers['user-agent'])}`;
    return { key, url };
  };
}

/**
 * `compute` remembered for up to `size` distinct inputs. Headers and query strings repeat
 * over and over under load; past `size` the memo starts over, which bounds what a client
 * sending odd values can make it hold.
 */
function remembered(size: number, compute: (input: string) => string): (input: string) => string {
  const seen = new Map<string, string>();
  return (input) => {
    let result = seen.get(input);
    if (result === undefined) {
      result = compute(input);
      if (seen.size >= size) seen.clear();
      seen.set(input, result);
    }
    return result;
  };
}

/**
 * `path?query` with the query as the key keeps it: as sent, sorted, or reduced to the kept
 * parameters in the given order. Pages are asked for with the same few query strings over and
 * over, so what each query string reduces to is remembered: a hit then costs one map lookup
 * instead of a split, a sort and a join.
 */
export function normaliseQuery(kept: KeyQuery | readonly string[]): (path: string, query: string) => string {
  if (kept === 'as-sent') return (path, query) => `${path}?${query}`;
  const reduce = kept === 'sorted' ? remembered(1024, sortedQuery) : keptQuery(kept);
  if (reduce === undefined) return (path) => path;
  return (path, query) => {
    const reduced = reduce(query);
    return reduced === '' ? path : `${path}?${reduced}`;
  };
}

/** Every parameter, empty ones dropped, sorted by the whole `name=value` as Varnish's std.querysort sorts them. */
const sortedQuery = (query: string) =>
  query
    .split('&')
    .filter((pair) => pair !== '')
    .sort()
    .join('&');

/** The kept parameters in the rule's order (repeats in request order); undefined when none is kept. */
function keptQuery(kept: readonly string[]): ((query: string) => string) | undefined {
  if (kept.length === 0) return undefined;
  const order = new Map(kept.map((name, i) => [name, i]));
  return remembered(1024, (query) => {
    const picked: Array<[number, string]> = [];
    for (const pair of query.split('&')) {
      const eq = pair.indexOf('=');
      const at = order.get(eq < 0 ? pair : pair.slice(0, eq));
      if (at !== undefined) picked.push([at, pair]);
    }
    // a stable sort keeps repeated parameters in request order
    picked.sort((a, b) => a[0] - b[0]);
    return picked.map((p) => p[1]).join('&');
  });
}

/** The first served language the client accepts (q > 0), or the site's default. */
export function normaliseLanguage(header: string | undefined): string {
  return header ? servedLanguageOf(header) : SERVED_LOCALES[0];
}

const servedLanguageOf = remembered(256, (header) => {
  const ranked = header
    .split(',')
    .map((part) => {
      const [tag, ...params] = part.trim().toLowerCase().split(';');
      const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
      return { lang: (tag ?? '').split('-')[0]!, q: q === undefined ? 1 : Number(q.slice(2)) || 0 };
    })
    .filter((entry) => entry.q > 0)
    .sort((a, b) => b.q - a.q);
  const match = ranked.find((entry) => (SERVED_LOCALES as readonly string[]).includes(entry.lang));
  return match?.lang ?? SERVED_LOCALES[0];
});

const MOBILE = /Mobi|Android|iPhone|iPod|Windows Phone/i;

export function deviceClass(userAgent: string | undefined): 'mobile' | 'desktop' {
  return userAgent !== undefined && MOBILE.test(userAgent) ? 'mobile' : 'desktop';
}

/**
 * One request header reduced to what the response can depend on, so `Vary` selects
 * among the few variants the site really has instead of one per browser's header string.
 */
export function normaliseVaryValue(name: string, value: string | string[] | undefined): string {
  switch (name) {
    case 'accept-encoding':
      return preferredEncoding(value);
    case 'accept-language':
      return normaliseLanguage(typeof value === 'string' ? value : value?.join(','));
    default:
      return value === undefined ? '' : typeof value === 'string' ? value.trim() : value.join(',');
  }
}

/** The secondary key among a URL's variants, from the request headers the response varies on. */
export function variantKey(varyNames: readonly string[], headers: IncomingHttpHeaders): string {
  if (varyNames.length === 0) return '';
  let variant = '';
  for (const name of varyNames) variant += `${name}=${normaliseVaryValue(name, headers[name])}\n`;
  return variant;
}

/** The header names a response varies on, lower-cased and sorted; `*` is reported as such. */
export function parseVary(vary: string | string[] | undefined): string[] | '*' {
  if (vary === undefined) return [];
  const names = (typeof vary === 'string' ? vary : vary.join(','))
    .split(',')
    .map((name) => name.trim().toLowerCase())
    .filter((name) => name !== '');
  if (names.includes('*')) return '*';
  return [...new Set(names)].sort();
}
