/**
 * The edge's rules as typed, plain data. Nothing in here is a function, so the same rules
 * run in the Node edge and compile to VCL (packages/vcl). Instance addresses are not
 * rules: they come from start-up options (`EDGE_BACKENDS`), so one rules file serves every
 * environment.
 */

export type HttpMethod = 'GET' | 'HEAD' | 'POST' | 'PUT' | 'PATCH' | 'DELETE' | 'OPTIONS';

export const HTTP_METHODS: readonly HttpMethod[] = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'];

/** Health probe: GET `path` every `intervalMs`; healthy while `threshold` of the last `window` probes passed (2xx). */
export interface ProbeRule {
  path: string;
  intervalMs: number;
  timeoutMs: number;
  window: number;
  threshold: number;
}

export type BalanceStrategy = 'round-robin' | 'least-connections';

/** A pool of interchangeable instances of one app. */
export interface BackendRule {
  probe: ProbeRule;
  /** TCP connect to an instance. */
  connectTimeoutMs: number;
  /** From the request sent to the first byte of the response head. */
  firstByteTimeoutMs: number;
  /** Longest silence while a response body streams. */
  idleTimeoutMs: number;
  balance: BalanceStrategy;
}

/**
 * A condition on a header, cookie or query parameter: present when neither `equals` nor
 * `pattern` is given, otherwise its value equals / matches (a JavaScript and PCRE-compatible regex).
 */
export interface ValueMatch {
  name: string;
  equals?: string;
  pattern?: string;
}

/** Every given condition must hold (AND); an empty match matches every request. */
export interface MatchRule {
  /** `/facility` matches `/facility` and `/facility/…`, never `/facilityx`; `/` matches everything. */
  pathPrefix?: string;
  /** Regex on the path (no query), anchored by the author with ^ and $. */
  pathPattern?: string;
  /** Host header without port, case-insensitive. */
  host?: string;
  /** Any method token (RFC 9110 §9.1): the standard ones, or extensions such as 'PROPFIND'. */
  methods?: Array<HttpMethod | (string & {})>;
  header?: ValueMatch;
  cookie?: ValueMatch;
  query?: ValueMatch;
}

/**
 * The query in the cache key: the names of the parameters kept, in this order (every other one
 * is left out: `?utm_source=` does not split the cache); `'sorted'`, every parameter, sorted
 * (as Varnish's std.querysort: by the whole `name=value`, empty ones dropped); or `'as-sent'`,
 * the query exactly as the client sent it.
 */
export type KeyQuery = string[] | 'sorted' | 'as-sent';

/**
 * What the origin is asked for on a cached route: `'as-sent'` (the default), the client's
 * query whole, whatever the key leaves out; `'key'`, the key URL only, so a parameter the key
 * leaves out never reaches the origin and what is stored cannot depend on it.
 */
export type ForwardQuery = 'as-sent' | 'key';

export const KEY_QUERIES: ReadonlyArray<Exclude<KeyQuery, string[]>> = ['sorted', 'as-sent'];
export const FORWARD_QUERIES: readonly ForwardQuery[] = ['as-sent', 'key'];

/** What the cache key is made of, besides method-independent host + path. */
export interface CacheKeyRule {
  query: KeyQuery;
  /** Default 'as-sent': leaving a parameter out of the key never changes what the origin is asked unless this says 'key'. */
  forwardQuery?: ForwardQuery;
  /** Key by the negotiated language (normalised Accept-Language). */
  locale: boolean;
  /** Key by device class (mobile / desktop from User-Agent). */
  device: boolean;
  /**
   * For image routes: Accept is reduced to the image format class the client takes (AVIF,
   * WebP or neither; `imageFormatClass`, @hatago/platform/http) before the cache and the
   * origin see it. The origin's `Vary: Accept` then selects among three variants instead of
   * one per browser's header, and the origin picks its format from the class alone.
   */
  imageFormat?: boolean;
}

export interface CachePolicyRule {
  /** 'origin': freshness from the origin's headers (RFC 9111); a number: TTL override in seconds. */
  ttl: 'origin' | number;
  /** Serve stale this long when the origin sends no stale-while-revalidate / stale-if-error of its own. */
  graceSeconds: number;
  key: CacheKeyRule;
  /**
   * A response with `Set-Cookie` is never stored (one guest's cookie must not reach another). true: the
   * edge removes the origin's `Set-Cookie` from the route's cacheable GET/HEAD responses and stores them
   * as if it had not been sent, for origins that set a cookie on pages every visitor shares. Default false.
   */
  stripSetCookie?: boolean;
}

/** 'pass': never stored, always sent to the origin. */
export type CacheRule = 'pass' | CachePolicyRule;

/**
 * Sends part of the traffic to a canary backend. `?<query>=1` opts in and `?<query>=0` opts
 * out (both remembered in the cookie); otherwise the cookie decides; otherwise `percent` of
 * new visitors are drawn, and the draw is remembered in the cookie (Set-Cookie on first
 * assignment only). With percent 0 nobody is drawn and no cookie is set.
 */
export interface RolloutRule<B extends string = string> {
  backend: B;
  query: string;
  cookie: string;
  percent: number;
  /**
   * A feature flag (its key) that decides instead, once the flag feed (`EdgeRules.flags`)
   * knows it: the canary for exactly the visitors the flag is on for (its percentage, sticky
   * by the visitor cookie, and its preview values), nobody while it is off. `query`, `cookie`
   * and `percent` then apply only while the feed does not know the flag (before its first
   * answer, or a flag not defined).
   */
  flag?: string;
}

/**
 * Where the edge reads the feature flag definitions: GET `path` on one healthy instance of
 * `backend` every `intervalMs`, with If-None-Match. The answer is `{ environment, flags }`
 * (the guest app's `/internal/flags`). While the edge has definitions, every request to a
 * backend carries the edge's `hatago-flags` decision and cacheable routes are keyed by it.
 */
export interface FlagFeedRule<B extends string = string> {
  backend: B;
  path: string;
  /** At most 1000: a change (the kill switch above all) reaches the edge within two seconds. */
  intervalMs: number;
}

interface RouteBase {
  name: string;
  match: MatchRule;
  /** false: the route is skipped (kept in the file, ready to switch on). Default true. */
  enabled?: boolean;
}

export interface ProxyRoute<B extends string = string> extends RouteBase {
  backend: B;
  cache: CacheRule;
  rollout?: RolloutRule<B>;
  /** This route's request body limit instead of `limits.maxBodyBytes` (photo uploads); larger → 413. */
  maxBodyBytes?: number;
}

/** An answer made by the edge itself, without reaching an origin (e.g. a maintenance page). */
export interface SyntheticResponse {
  status: number;
  contentType: string;
  body: string;
  /** Seconds, sent as Retry-After (useful with 503). */
  retryAfterSeconds?: number;
}

export interface SyntheticRoute extends RouteBase {
  synthetic: SyntheticResponse;
}

export type RouteRule<B extends string = string> = ProxyRoute<B> | SyntheticRoute;

/** `location` may use $1…$9 from the match's pathPattern groups. */
export interface RedirectRule {
  name: string;
  match: MatchRule;
  location: string;
  status: 301 | 302 | 303 | 307 | 308;
  /** Append the request's query string to the location. */
  keepQuery: boolean;
}

/** Set (replace) or remove one header; `routes` limits it to the named routes (default: all). */
export type HeaderRewrite = { set: string; value: string; routes?: string[] } | { remove: string; routes?: string[] };

export interface RateLimitRule {
  name: string;
  match: MatchRule;
  /** At most `requests` per client address per `windowSeconds`; more → 429 with Retry-After. */
  perClient: { requests: number; windowSeconds: number };
}

export interface LimitsRule {
  /** Request line + headers; larger → 431. */
  maxHeaderBytes: number;
  /** Request target; longer → 414. */
  maxUrlBytes: number;
  /** Request body (declared or streamed); larger → 413. */
  maxBodyBytes: number;
}

export interface EdgeRules<B extends string = string> {
  backends: Record<B, BackendRule>;
  /** Checked before routes, first match wins. */
  redirects: RedirectRule[];
  /** First match wins; a request no route matches gets 404 from the edge. */
  routes: RouteRule<B>[];
  /** Request rewrites apply before the origin sees the request; response rewrites before the cache stores a response. */
  headers: { request: HeaderRewrite[]; response: HeaderRewrite[] };
  rateLimits: RateLimitRule[];
  limits: LimitsRule;
  /**
   * Load balancers in front of the edge (addresses or CIDR ranges) whose X-Forwarded-For is
   * believed when deciding who a client is (rate limits, access log). Default none: the
   * connection's address is the client.
   */
  trustedProxies?: string[];
  /** The flag feed; without it the edge knows no flags (rollouts by `flag` fall back to their own draw). */
  flags?: FlagFeedRule<B>;
}

/** Identity at run time; at compile time it ties every route's backend to a declared backend. */
export function defineEdgeRules<B extends string>(rules: EdgeRules<B>): EdgeRules<B> {
  return rules;
}

export const isSyntheticRoute = (route: RouteRule): route is SyntheticRoute => 'synthetic' in route;
