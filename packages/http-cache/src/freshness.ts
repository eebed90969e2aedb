import type { IncomingHttpHeaders } from 'node:http';
import CachePolicy from 'http-cache-semantics';
import type { CachePolicyRule } from '@hatago/edge-rules';
import { parseVary } from './cache-key.ts';

export type Clock = () => number;

/** A route's freshness settings: `ttl` ('origin' or an override in seconds) and `graceSeconds`. */
export type RouteFreshness = Pick<CachePolicyRule, 'ttl' | 'graceSeconds'>;

export type PolicyFactory = (request: CachePolicy.Request, response: CachePolicy.Response) => CachePolicy;

/**
 * http-cache-semantics reads the time through its `now()` method (and builds revalidated
 * policies through `this.constructor`), so a subclass bound to the cache's clock lets tests
 * move time instead of waiting for it.
 */
export function policyFactory(now: Clock): PolicyFactory {
  class ClockedPolicy extends CachePolicy {
    now() {
      return now();
    }
  }
  return (request, response) => new ClockedPolicy(request, response, { shared: true });
}

/** When an entry stops being fresh and how long it may be served stale, in clock milliseconds. */
export interface EntryTiming {
  storedAt: number;
  /** The Age the response already had when it arrived (from an upstream cache), in seconds. */
  initialAge: number;
  freshUntil: number;
  staleWhileRevalidateUntil: number;
  staleIfErrorUntil: number;
  /** The stale windows in seconds, kept so a soft purge can open them from the purge time. */
  staleWhileRevalidateSeconds: number;
  staleIfErrorSeconds: number;
}

export type StoreDecision =
  | { store: true; timing: EntryTiming; vary: string[] }
  | { store: false; reason: 'not-storable' | 'set-cookie' | 'vary-star' | 'no-freshness' };

const seconds = (value: string | undefined): number | undefined => {
  if (value === undefined) return undefined;
  const n = Number(value);
  return Number.isFinite(n) && n >= 0 ? n : undefined;
};

/**
 * Whether a shared cache may keep this response and for how long. Storability and the
 * freshness lifetime (max-age, s-maxage, Expires, Age, heuristics for statuses cacheable
 * by default, private, no-store, proxy-revalidate) come from http-cache-semantics in
 * shared mode; the edge adds what is its own choice:
 * - a `Set-Cookie` response is never shared, even when marked public (one guest's cookie must not reach another);
 * - `Vary: *` can never be matched, so it is not stored;
 * - a response with no freshness and no validator could only ever be refetched, so it is not kept;
 * - the route's `ttl` overrides the origin's lifetime, never its refusals;
 * - the route's grace stands in for `stale-while-revalidate` / `stale-if-error` when the origin sends
 *   neither, but `no-cache`, `must-revalidate` and `proxy-revalidate` forbid serving stale (RFC 9111 §4.2.4).
 */
export function decideStorage(
  policy: CachePolicy,
  headers: IncomingHttpHeaders,
  route: RouteFreshness,
  now: number,
): StoreDecision {
  if (!policy.storable()) return { store: false, reason: 'not-storable' };
  if (headers['set-cookie'] !== undefined) return { store: false, reason: 'set-cookie' };
  const vary = parseVary(headers.vary);
  if (vary === '*') return { store: false, reason: 'vary-star' };
  const directives = policy.toObject().rescc;
  const noCache = 'no-cache' in directives;
  const overridden = typeof route.ttl === 'number';
  const lifetime = noCache ? 0 : overridden ? (route.ttl as number) : policy.maxAge();
  const initialAge = policy.age();
  if (lifetime <= 0 && headers.etag === undefined && headers['last-modified'] === undefined) {
    return { store: false, reason: 'no-freshness' };
  }
  const strict = noCache || 'must-revalidate' in directives || 'proxy-revalidate' in directives;
  const swr = strict ? 0 : (seconds(directives['stale-while-revalidate']) ?? route.graceSeconds);
  const sie = strict ? 0 : (seconds(directives['stale-if-error']) ?? route.graceSeconds);
  // an override means "fresh for ttl from now", whatever age an upstream cache reported
  const freshUntil = now + Math.max(0, lifetime - (overridden ? 0 : initialAge)) * 1000;
  return {
    store: true,
    vary,
    timing: {
      storedAt: now,
      initialAge,
      freshUntil,
      staleWhileRevalidateUntil: freshUntil + swr * 1000,
      staleIfErrorUntil: freshUntil + sie * 1000,
      staleWhileRevalidateSeconds: swr,
      staleIfErrorSeconds: sie,
    },
  };
}
