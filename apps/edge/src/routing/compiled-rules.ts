import type { IncomingHttpHeaders, OutgoingHttpHeaders } from 'node:http';
import { IMAGE_FORMAT_ACCEPT, imageFormatClass } from '@hatago/platform/http';
import { type ClientAddress, compileClientAddress } from './client-address.ts';
import type { RateLimitSpec } from '../protection/rate-limits.ts';
import type {
  CacheRule,
  EdgeRules,
  HeaderRewrite,
  LimitsRule,
  MatchRule,
  RateLimitRule,
  RedirectRule,
  RolloutRule,
  RouteRule,
  ValueMatch,
} from '@hatago/edge-rules';
import { isSyntheticRoute } from '@hatago/edge-rules';
import type { RequestView } from './request-view.ts';

/** A match compiled once per rules load: regexes built, names lower-cased, no work left for the request. */
export type Matcher = (view: RequestView) => boolean;

function compileValue(match: ValueMatch, read: (view: RequestView, name: string) => string | undefined): Matcher {
  const { name, equals } = match;
  const pattern = match.pattern === undefined ? undefined : new RegExp(match.pattern);
  if (equals !== undefined) return (view) => read(view, name) === equals;
  if (pattern) return (view) => {
    const value = read(view, name);
    return value !== undefined && pattern.test(value);
  };
  return (view) => read(view, name) !== undefined;
}

export function compileMatch(match: MatchRule): Matcher {
  const tests: Matcher[] = [];
  if (match.methods) {
    const methods = new Set<string>(match.methods);
    tests.push((view) => methods.has(view.method));
  }
  if (match.host !== undefined) {
    const host = match.host;
    tests.push((view) => view.host === host);
  }
  if (match.pathPrefix !== undefined && match.pathPrefix !== '/') {
    const prefix = match.pathPrefix.replace(/\/$/, '');
    const withSlash = `${prefix}/`;
    tests.push((view) => view.path === prefix || view.path.startsWith(withSlash));
  }
  if (match.pathPattern !== undefined) {
    const pattern = new RegExp(match.pathPattern);
    tests.push((view) => pattern.test(view.path));
  }
  if (match.header) tests.push(compileValue({ ...match.header, name: match.header.name.toLowerCase() }, (view, name) => view.header(name)));
  if (match.cookie) tests.push(compileValue(match.cookie, (view, name) => view.cookie(name)));
  if (match.query) tests.push(compileValue(match.query, (view, name) => view.param(name)));

  if (tests.length === 0) return () => true;
  if (tests.length === 1) return tests[0]!;
  return (view) => {
    for (const test of tests) if (!test(view)) return false;
    return true;
  };
}

export interface CompiledRedirect {
  name: string;
  matches: Matcher;
  /** Location for this request (with $n filled from the path pattern and the query kept when asked). */
  location(view: RequestView): string;
  status: RedirectRule['status'];
}

function compileRedirect(rule: RedirectRule): CompiledRedirect {
  const pattern = rule.match.pathPattern === undefined ? undefined : new RegExp(rule.match.pathPattern);
  return {
    name: rule.name,
    matches: compileMatch(rule.match),
    status: rule.status,
    location(view) {
      const groups = pattern?.exec(view.path);
      const location = groups ? rule.location.replace(/\$(\d)/g, (_, n: string) => encodeURI(groups[Number(n)] ?? '')) : rule.location;
      return rule.keepQuery && view.query ? `${location}${location.includes('?') ? '&' : '?'}${view.query}` : location;
    },
  };
}

/** Header rewrites for one route and one direction, applied to a headers object in place. */
export type HeaderEdit = (headers: OutgoingHttpHeaders) => void;

function compileRewrites(rewrites: HeaderRewrite[], route: string): HeaderEdit | undefined {
  const edits = rewrites
    .filter((rewrite) => !rewrite.routes || rewrite.routes.includes(route))
    .map((rewrite): HeaderEdit => {
      if ('set' in rewrite) {
        const name = rewrite.set.toLowerCase();
        const value = rewrite.value;
        return (headers) => {
          headers[name] = value;
        };
      }
      const name = rewrite.remove.toLowerCase();
      return (headers) => {
        delete headers[name];
      };
    });
  if (edits.length === 0) return undefined;
  return (headers) => {
    for (const edit of edits) edit(headers);
  };
}

export interface CompiledSynthetic {
  status: number;
  headers: OutgoingHttpHeaders;
  body: Buffer;
}

export interface CompiledRoute {
  name: string;
  matches: Matcher;
  /** Undefined for a synthetic route. */
  backend?: string;
  /** The route's own body limit, or the rules' (`limits.maxBodyBytes`). */
  maxBodyBytes: number;
  cache: CacheRule;
  rollout?: RolloutRule;
  synthetic?: CompiledSynthetic;
  editRequest?: HeaderEdit;
  editResponse?: HeaderEdit;
  /** Reduces the client's request headers to what the route's key tells apart, before the cache or the origin sees them. */
  normaliseRequest?: (headers: IncomingHttpHeaders) => void;
}

/** One of three Accept values, so `Vary: Accept` keeps one variant per image format (edge-rules: `key.imageFormat`). */
const normaliseImageAccept = (headers: IncomingHttpHeaders) => {
  headers.accept = IMAGE_FORMAT_ACCEPT[imageFormatClass(headers.accept)];
};

function compileRoute(route: RouteRule, rules: EdgeRules): CompiledRoute {
  const base = {
    name: route.name,
    matches: compileMatch(route.match),
    editRequest: compileRewrites(rules.headers.request, route.name),
    editResponse: compileRewrites(rules.headers.response, route.name),
    maxBodyBytes: (isSyntheticRoute(route) ? undefined : route.maxBodyBytes) ?? rules.limits.maxBodyBytes,
  };
  if (isSyntheticRoute(route)) {
    const body = Buffer.from(route.synthetic.body);
    const headers: OutgoingHttpHeaders = { 'content-type': route.synthetic.contentType, 'content-length': body.length, 'cache-control': 'no-store' };
    if (route.synthetic.retryAfterSeconds !== undefined) headers['retry-after'] = String(route.synthetic.retryAfterSeconds);
    base.editResponse?.(headers);
    return { ...base, cache: 'pass', synthetic: { status: route.synthetic.status, headers, body } };
  }
  return {
    ...base,
    backend: route.backend,
    cache: route.cache,
    ...(route.rollout ? { rollout: route.rollout } : {}),
    ...(route.cache !== 'pass' && route.cache.key.imageFormat ? { normaliseRequest: normaliseImageAccept } : {}),
  };
}

export interface CompiledRateLimit {
  rule: RateLimitRule;
  /** What the rate-limit counter needs, built once. */
  spec: RateLimitSpec;
  matches: Matcher;
}

/** The rules in the shape the request path uses; built once per (re)load. */
export interface CompiledRules {
  source: EdgeRules;
  redirects: CompiledRedirect[];
  routes: CompiledRoute[];
  rateLimits: CompiledRateLimit[];
  limits: LimitsRule;
  /** Who a request comes from (trusted proxies' X-Forwarded-For believed). */
  clientAddress: ClientAddress;
}

export function compileRules(rules: EdgeRules): CompiledRules {
  return {
    source: rules,
    redirects: rules.redirects.map(compileRedirect),
    routes: rules.routes.filter((route) => route.enabled !== false).map((route) => compileRoute(route, rules)),
    rateLimits: rules.rateLimits.map((rule) => ({
      rule,
      spec: { name: rule.name, requests: rule.perClient.requests, windowSeconds: rule.perClient.windowSeconds },
      matches: compileMatch(rule.match),
    })),
    limits: rules.limits,
    clientAddress: compileClientAddress(rules.trustedProxies ?? []),
  };
}

export function routeFor(rules: CompiledRules, view: RequestView): CompiledRoute | undefined {
  for (const route of rules.routes) if (route.matches(view)) return route;
  return undefined;
}

export function redirectFor(rules: CompiledRules, view: RequestView): CompiledRedirect | undefined {
  for (const redirect of rules.redirects) if (redirect.matches(view)) return redirect;
  return undefined;
}
