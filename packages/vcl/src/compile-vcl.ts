import { escapeHtml } from '@hatago/platform/html';
import {
  type EdgeProblem,
  PROBLEMS,
  HTTP_METHODS,
  isSyntheticRoute,
  type BackendRule,
  type CachePolicyRule,
  type EdgeRules,
  type HeaderRewrite,
  type MatchRule,
  type ProxyRoute,
  type RouteRule,
  type ValueMatch,
} from '@hatago/edge-rules';
import { HIT_FOR_PASS_SECONDS } from '@hatago/http-cache';
import { duration, escapeRegex, headerName, identifier, VclLiteralError, vclConstant, vclRegex, vclString, VclWriter } from './vcl-text.ts';

/**
 * Compiles the edge rules to VCL 4.1 for Varnish 7 with Debian's varnish-modules (xkey,
 * var, header, vsthrottle). The VCL reproduces the Node edge's behaviour rule by rule;
 * where VCL cannot, compilation fails with a `VclRefusedError` naming each rule instead of
 * producing something that behaves differently.
 *
 * Internal state travels in `X-Hatago-*` request headers (VCL has no variables); every one
 * is removed when a request arrives and before a request leaves for an origin.
 */

/** Instance base URLs per backend, as in EDGE_BACKENDS. */
export type BackendInstances = Record<string, readonly string[]>;

export interface VclOptions {
  /** Client networks allowed to use the purge API on the admin listener, besides the bearer token (CIDR or address). */
  purgeAcl?: readonly string[];
  /** Environment variable whose value is the purge API's bearer token (read by varnishd at run time, never written into the VCL). */
  adminTokenEnv?: string;
  /**
   * Varnish has no least-connections director. Only when this is set does a
   * 'least-connections' backend compile, to the director named here, and the VCL says so.
   */
  leastConnectionsAs?: 'round-robin' | 'random';
}

export interface CompiledVcl {
  vcl: string;
  /** Run-time parameters (`varnishd -p name=value`) the rules need: header size limits live there, not in VCL. */
  params: Record<string, string>;
  /** Where Varnish's behaviour is close to but not exactly the Node edge's, in words for the operator. */
  notes: string[];
}

export class VclRefusedError extends Error {
  constructor(readonly problems: string[]) {
    super(`the edge rules cannot be compiled to VCL:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
}

/** Internal request headers; a client's own copies are removed on arrival. */
const H = {
  path: 'X-Hatago-Path',
  route: 'X-Hatago-Route',
  backend: 'X-Hatago-Backend',
  policy: 'X-Hatago-Policy',
  keyUrl: 'X-Hatago-Key-Url',
  keyExtra: 'X-Hatago-Key-Extra',
  xcache: 'X-Hatago-X-Cache',
  cacheStatus: 'X-Hatago-Cache-Status',
  setCookie: 'X-Hatago-Set-Cookie',
  location: 'X-Hatago-Location',
  synth: 'X-Hatago-Synth',
  asked: 'X-Hatago-Asked',
  purged: 'X-Hatago-Purged',
  purgeKey: 'X-Hatago-Key',
  /**
   * "kept": a stale entry stays in the cache while its refresh is fetched in the foreground;
   * "serve": that fetch failed, so the restarted request serves the entry (stale-if-error).
   * The only one that lives across restarts.
   */
  staleKept: 'X-Hatago-Stale-Kept',
} as const;

/** Headers stored on cached objects for the VCL's own use, removed before delivery. */
const OBJ = { path: 'X-Hatago-Obj-Path', swr: 'X-Hatago-Swr' } as const;

// RFC 9111 §4.2.2: statuses a cache may give heuristic freshness when the origin gave none
const HEURISTIC_STATUSES = [200, 203, 204, 206, 300, 301, 308, 404, 405, 410, 414, 501];
// the same pages the Node edge tells apart (apps/edge/src/cache/cache-key.ts)
const MOBILE_USER_AGENT = '(?i)Mobi|Android|iPhone|iPod|Windows Phone';
// the types the Node edge compresses (apps/edge/src/compression/content-encoding.ts)
const COMPRESSIBLE_TYPE = '(?i)^(text/|application/(json|javascript|xml|manifest\\+json|problem\\+json|ld\\+json)|application/[^;]*\\+(json|xml)|image/svg\\+xml)';
const REQUEST_ID = '^[A-Za-z0-9._-]{1,64}$';
const TRACEPARENT = '^(?!ff)[0-9a-f]{2}-(?!0{32})[0-9a-f]{32}-(?!0{16})[0-9a-f]{16}-[0-9a-f]{2}$';
// as long as the Node edge keeps a tester on the canary (apps/edge/src/routing/rollout.ts)
const ROLLOUT_COOKIE_ATTRIBUTES = '; Path=/; Max-Age=604800; SameSite=Lax; HttpOnly';
// replayed on another instance after a failed connection, as the Node edge does (apps/edge/src/proxy/origin-client.ts)
const IDEMPOTENT = '^(GET|HEAD|OPTIONS|PUT|DELETE)$';

export function compileVcl(rules: EdgeRules, instances: BackendInstances, options: VclOptions = {}): CompiledVcl {
  const problems: string[] = [];
  const notes: string[] = [];
  /** Runs one rule's compilation; a literal it cannot write becomes a refusal naming the rule. */
  const attempt = <T>(where: string, build: () => T): T | undefined => {
    try {
      return build();
    } catch (error) {
      if (error instanceof VclLiteralError) {
        problems.push(`${where}: ${error.message}`);
        return undefined;
      }
      throw error;
    }
  };
  const refuse = (where: string, reason: string) => problems.push(`${where}: ${reason}`);

  const names = new Set<string>();
  const directors = new Map<string, string>();
  const w = new VclWriter();

  // ---- checks that need the whole rules before writing anything
  for (const name of Object.keys(rules.backends)) {
    const list = instances[name];
    if (!list || list.length === 0) refuse(`backends.${name}`, 'no instances given for it (--instances)');
  }
  for (const name of Object.keys(instances)) {
    if (!(name in rules.backends)) refuse(`--instances.${name}`, 'is not a backend of the rules');
  }
  const routes = rules.routes.filter((route) => route.enabled !== false);
  for (const route of routes) checkRoute(route, refuse);
  rules.redirects.forEach((redirect) => checkMatch(`redirects "${redirect.name}"`, redirect.match, refuse));
  rules.rateLimits.forEach((limit) => checkMatch(`rateLimits "${limit.name}"`, limit.match, refuse));

  // ---- header
  w.line('vcl 4.1;');
  w.line('# Generated by `npm run edge:vcl` from the edge rules (config/edge.ts): change the rules, not this file.');
  for (const vmod of ['std', 'directors', 'xkey', 'var', 'header', 'vsthrottle', 'blob']) w.line(`import ${vmod};`);
  w.line();

  // ---- probes, backends, directors
  const backendDefs = new VclWriter();
  const init: string[] = [];
  for (const [name, backend] of Object.entries(rules.backends)) {
    const list = instances[name] ?? [];
    const director = identifier('pool', name, names);
    directors.set(name, director);
    const probe = identifier('probe', name, names);
    attempt(`backends.${name}.probe`, () => writeProbe(backendDefs, probe, backend));
    const members: string[] = [];
    list.forEach((raw, i) => {
      attempt(`--instances.${name}[${i}]`, () => {
        const target = instanceAddress(raw);
        const id = identifier(`be_${name}`, String(i), names);
        members.push(id);
        backendDefs.block(`backend ${id}`, () => {
          backendDefs.line(`.host = ${vclConstant(target.host, 'host')};`);
          backendDefs.line(`.port = "${target.port}";`);
          backendDefs.line(`.probe = ${probe};`);
          backendDefs.line(`.connect_timeout = ${duration(backend.connectTimeoutMs)};`);
          backendDefs.line(`.first_byte_timeout = ${duration(backend.firstByteTimeoutMs)};`);
          backendDefs.line(`.between_bytes_timeout = ${duration(backend.idleTimeoutMs)};`);
        });
      });
    });
    let kind: 'round_robin' | 'random' = 'round_robin';
    if (backend.balance === 'least-connections') {
      if (!options.leastConnectionsAs) {
        refuse(`backends.${name}.balance`, "Varnish has no least-connections director; use 'round-robin', or compile with --least-connections-as round-robin|random to accept the substitute");
      } else {
        kind = options.leastConnectionsAs === 'random' ? 'random' : 'round_robin';
        notes.push(`backends.${name}: least-connections balanced by ${options.leastConnectionsAs} in Varnish (as asked with --least-connections-as)`);
      }
    }
    init.push(`new ${director} = directors.${kind}();`);
    for (const member of members) init.push(kind === 'random' ? `${director}.add_backend(${member}, 1);` : `${director}.add_backend(${member});`);
  }
  w.line(backendDefs.toString().trimEnd());
  w.line();

  const acl = options.purgeAcl ?? ['127.0.0.1', '::1'];
  w.block('acl hatago_purgers', () => {
    for (const entry of acl) {
      attempt(`--purge-acl ${entry}`, () => {
        const [address, bits] = entry.split('/');
        if (!address || !/^[0-9A-Fa-f:.]+$/.test(address) || (bits !== undefined && !/^\d{1,3}$/.test(bits))) {
          throw new VclLiteralError('is not an address or CIDR network');
        }
        w.line(`${vclConstant(address, 'address')}${bits === undefined ? '' : `/${bits}`};`);
      });
    }
  });
  w.line();

  w.block('sub vcl_init', () => {
    init.forEach((line) => w.line(line));
  });
  w.line();

  // ---- client side
  writeArrival(w, rules);
  writeRateLimits(w, rules, attempt);
  writeRedirects(w, rules, attempt, notes);
  writeRouteMatch(w, routes, attempt);
  writeCacheKey(w, routes, attempt);
  writeRouteActions(w, routes, directors, attempt);
  writeAdmin(w, options.adminTokenEnv ?? 'EDGE_ADMIN_TOKEN');
  writeRecv(w);
  writeLookup(w);
  // ---- backend side
  writeBackendFetch(w, routes, rules.headers.request, attempt);
  writeBackendResponse(w, routes, rules.headers.response, attempt);
  writeBackendError(w, rules.backends);
  // ---- answers
  writeDeliver(w);
  writeSynth(w, routes, rules.headers.response, attempt);

  if (rules.rateLimits.length > 0) {
    notes.push('rate limits: one vsthrottle token bucket per varnishd (the Node edge counts once for all its workers); several varnishd each count on their own');
  }
  if ((rules.trustedProxies ?? []).length > 0) {
    notes.push(
      'trustedProxies: not compiled; behind a load balancer, run varnishd with the PROXY protocol (-a :80,PROXY) so client.ip is the client the rate limits count, as the Node edge reads it from a trusted X-Forwarded-For',
    );
  }
  notes.push('compression: gzip only, made once when stored; Varnish has no brotli, so clients that prefer br get gzip');
  notes.push(
    `header limits: varnishd must run with -p http_req_size=${rules.limits.maxHeaderBytes} -p http_req_hdr_len=${rules.limits.maxHeaderBytes}; Varnish answers an oversized head with 400 where the Node edge answers 431`,
  );
  // a rule written twice (rewrites run per route) is reported once
  if (problems.length > 0) throw new VclRefusedError([...new Set(problems)]);
  return {
    vcl: w.toString(),
    params: { http_req_size: String(rules.limits.maxHeaderBytes), http_req_hdr_len: String(rules.limits.maxHeaderBytes) },
    notes,
  };
}

type Refuse = (where: string, reason: string) => void;
type Attempt = <T>(where: string, build: () => T) => T | undefined;

function instanceAddress(raw: string): { host: string; port: number } {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new VclLiteralError(`${JSON.stringify(raw)} is not a URL`);
  }
  if (url.protocol !== 'http:') throw new VclLiteralError(`${raw}: Varnish reaches backends over plain HTTP only (no TLS to origins)`);
  if (url.pathname !== '/' || url.search) throw new VclLiteralError(`${raw}: a backend is a host and port, without a path or query`);
  return { host: url.hostname.replace(/^\[|\]$/g, ''), port: Number(url.port || 80) };
}

function writeProbe(w: VclWriter, name: string, backend: BackendRule) {
  const { probe } = backend;
  w.block(`probe ${name}`, () => {
    w.line(`.url = ${vclConstant(probe.path, 'probe path')};`);
    w.line(`.interval = ${duration(probe.intervalMs)};`);
    w.line(`.timeout = ${duration(probe.timeoutMs)};`);
    w.line(`.window = ${probe.window};`);
    w.line(`.threshold = ${probe.threshold};`);
    // instances start healthy, as in the Node edge, instead of waiting for `threshold` probes
    w.line(`.initial = ${probe.threshold};`);
  });
}

function checkMatch(where: string, match: MatchRule, refuse: Refuse) {
  if (match.query?.pattern !== undefined) {
    refuse(`${where}.match.query`, 'VCL sees query values still percent-encoded, the Node edge matches the decoded value: a pattern on a query value cannot be compiled faithfully (use equals with a plain value)');
  }
  if (match.query?.equals !== undefined && !/^[A-Za-z0-9._~-]*$/.test(match.query.equals)) {
    refuse(`${where}.match.query.equals`, 'only values of unreserved URL characters (letters, digits, . _ ~ -) read the same encoded and decoded');
  }
}

function checkRoute(route: RouteRule, refuse: Refuse) {
  const where = `routes "${route.name}"`;
  checkMatch(where, route.match, refuse);
  if (isSyntheticRoute(route)) return;
  if (route.cache !== 'pass' && route.cache.key.locale) {
    refuse(
      `${where}.cache.key.locale`,
      'the Node edge picks the served language by Accept-Language q-values; VCL (and vmod accept, which ignores q) cannot rank them, so the key would differ',
    );
  }
}

// ---- conditions

const PATH = `req.http.${H.path}`;

function valueCondition(subject: { present: string; value: string; equals: (v: string) => string }, match: ValueMatch): string {
  if (match.equals !== undefined) return subject.equals(match.equals);
  if (match.pattern !== undefined) return `${subject.present} && ${subject.value} ~ ${vclRegex(match.pattern)}`;
  return subject.present;
}

/** One match rule as a VCL boolean expression (every given condition must hold). */
function matchCondition(match: MatchRule): string {
  const parts: string[] = [];
  if (match.methods) parts.push(`req.method ~ "^(${match.methods.join('|')})$"`);
  if (match.host !== undefined) parts.push(`req.http.host ~ ${vclRegex(`(?i)^${escapeRegex(match.host)}(:[0-9]+)?$`)}`);
  if (match.pathPrefix !== undefined && match.pathPrefix !== '/') {
    parts.push(`${PATH} ~ ${vclRegex(`^${escapeRegex(match.pathPrefix.replace(/\/$/, ''))}(/|$)`)}`);
  }
  if (match.pathPattern !== undefined) parts.push(`${PATH} ~ ${vclRegex(match.pathPattern)}`);
  if (match.header) {
    const name = headerName(match.header.name);
    parts.push(
      valueCondition(
        { present: `req.http.${name}`, value: `req.http.${name}`, equals: (v) => `req.http.${name} == ${vclString(v)}` },
        match.header,
      ),
    );
  }
  if (match.cookie) {
    const name = escapeRegex(match.cookie.name);
    parts.push(
      valueCondition(
        {
          present: `req.http.Cookie ~ ${vclRegex(`(^|;)\\s*${name}\\s*=`)}`,
          value: cookieValue(match.cookie.name),
          equals: (v) => `req.http.Cookie ~ ${vclRegex(`(^|;)\\s*${name}\\s*=`)} && ${cookieValue(match.cookie!.name)} == ${vclString(v)}`,
        },
        match.cookie,
      ),
    );
  }
  if (match.query) {
    const name = escapeRegex(match.query.name);
    // the first occurrence decides, as URLSearchParams.get does
    const first = `^[^?]*\\?(?:[^&]*&)*?${name}(?:=|&|$)`;
    parts.push(
      match.query.equals === undefined
        ? `req.url ~ ${vclRegex(first)}`
        : `req.url ~ ${vclRegex(first)} && ${queryValue(match.query.name)} == ${vclString(match.query.equals)}`,
    );
  }
  return parts.length === 0 ? 'true' : parts.join(' && ');
}

/** The first cookie of that name, trimmed, like the Node edge's RequestView.cookie. */
const cookieValue = (name: string) =>
  `regsub(req.http.Cookie, ${vclRegex(`^(?:[^;]*;)*?\\s*${escapeRegex(name)}\\s*=\\s*([^;]*?)\\s*(?:;.*)?$|^.*$`)}, "\\1")`;

/** The first raw value of a query parameter ('' when absent or without '=': the `|^.*$` branch matches with no group). */
const queryValue = (name: string) =>
  `regsub(req.url, ${vclRegex(`^[^?]*\\?(?:[^&]*&)*?${escapeRegex(name)}(?:=([^&]*))?(?:&.*)?$|^.*$`)}, "\\1")`;

// ---- client-side subroutines

function writeArrival(w: VclWriter, rules: EdgeRules) {
  w.block('sub hatago_arrival', () => {
    for (const header of Object.values(H)) if (header !== H.staleKept) w.line(`unset req.http.${header};`);
    w.block('if (req.restarts == 0)', () => w.line(`unset req.http.${H.staleKept};`));
    w.line('# X-Request-Id: the client\'s when well formed, otherwise a new one (time, request number, random)');
    w.block(`if (req.http.X-Request-Id !~ "${REQUEST_ID}")`, () => {
      w.line('set req.http.X-Request-Id = "v" + std.integer(time=now) + "-" + req.xid + "-" + std.integer(real=std.random(0, 999999999999));');
    });
    w.line('# W3C trace context: kept when valid, otherwise a new trace starts here');
    w.block(`if (!req.http.traceparent || req.http.traceparent !~ "${TRACEPARENT}")`, () => {
      w.line('unset req.http.tracestate;');
      // 16 digits hex-encoded are 16 random bytes' worth of hex that is never all zeros
      const digits = (n: number) => Array.from({ length: n }, () => '"" + std.integer(real=std.random(10000000, 99999999))').join(' + ');
      w.line(`set req.http.traceparent = "00-" + blob.encode(HEX, LOWER, blob=blob.decode(IDENTITY, encoded=${digits(2)})) + "-" + blob.encode(HEX, LOWER, blob=blob.decode(IDENTITY, encoded=${digits(1)})) + "-01";`);
    });
    w.line('# what this hop received: the client\'s claim of https is not evidence');
    w.line('set req.http.X-Forwarded-Proto = "http";');
    w.line('set req.http.X-Forwarded-Host = req.http.host;');
    w.line(`set ${PATH} = regsub(req.url, "\\?.*$", "");`);
    w.line('# refused in the Node edge\'s order: the address and the method here, the body once routes and rate limits have spoken');
    w.block(`if (req.url ~ "^.{${rules.limits.maxUrlBytes + 1}}")`, () => w.line('return (synth(414));'));
    w.block(`if (req.method !~ "^(${HTTP_METHODS.join('|')})$")`, () => {
      w.chain([['req.method ~ "^(TRACE|CONNECT)$"', () => w.line('return (synth(405));')]], () => w.line('return (synth(501));'));
    });
  });
  w.line();
  w.block('sub hatago_body', () => {
    w.block(`if (std.integer(req.http.Content-Length, 0) > ${rules.limits.maxBodyBytes})`, () => w.line('return (synth(413));'));
    w.line('# bodies are read before anything is sent, as the Node edge does: a chunked one is measured, and any can be replayed on a retry');
    w.block(`if (req.method ~ "^(POST|PUT|PATCH|DELETE|OPTIONS)$" && !std.cache_req_body(${rules.limits.maxBodyBytes}B))`, () =>
      w.line('return (synth(413));'),
    );
  });
  w.line();
}

function writeRateLimits(w: VclWriter, rules: EdgeRules, attempt: Attempt) {
  w.block('sub hatago_rate_limits', () => {
    for (const limit of rules.rateLimits) {
      attempt(`rateLimits "${limit.name}"`, () => {
        const { requests, windowSeconds } = limit.perClient;
        w.block(`if (${matchCondition(limit.match)} && vsthrottle.is_denied(${vclString(`${limit.name}:`)} + client.ip, ${requests}, ${windowSeconds}s))`, () => {
          // an empty bucket gets its next token after window / requests, as the Node edge tells its clients
          w.line(`set req.http.${H.synth} = "retry-after:${Math.max(1, Math.ceil(windowSeconds / requests))}";`);
          w.line('return (synth(429));');
        });
      });
    }
  });
  w.line();
}

function writeRedirects(w: VclWriter, rules: EdgeRules, attempt: Attempt, notes: string[]) {
  w.block('sub hatago_redirects', () => {
    for (const redirect of rules.redirects) {
      attempt(`redirects "${redirect.name}"`, () => {
        const usesGroups = /\$\d/.test(redirect.location);
        if (usesGroups && redirect.match.pathPattern === undefined) throw new VclLiteralError('location uses $n but the match has no pathPattern');
        w.block(`if (${matchCondition(redirect.match)})`, () => {
          if (usesGroups) {
            // the whole path becomes the location; groups keep their numbers inside (?:…)
            const replacement = redirect.location.replace(/\\/g, '\\\\').replace(/\$(\d)/g, '\\$1');
            w.line(`set req.http.${H.location} = regsub(${PATH}, ${vclRegex(`^.*?(?:${redirect.match.pathPattern}).*$`)}, ${vclString(replacement)});`);
          } else {
            w.line(`set req.http.${H.location} = ${vclString(redirect.location)};`);
          }
          if (redirect.keepQuery) {
            w.block('if (req.url ~ "\\?.")', () => {
              const joiner = redirect.location.includes('?') ? '&' : '?';
              w.line(`set req.http.${H.location} = req.http.${H.location} + "${joiner}" + regsub(req.url, "^[^?]*\\?", "");`);
            });
          }
          w.line(`return (synth(${redirect.status}));`);
        });
      });
      if (/\$\d/.test(redirect.location)) {
        notes.push(`redirects "${redirect.name}": groups are copied into the location as the client sent them (the Node edge passes them through encodeURI)`);
      }
    }
  });
  w.line();
}

function writeRouteMatch(w: VclWriter, routes: RouteRule[], attempt: Attempt) {
  w.block('sub hatago_match', () => {
    const branches: Array<[string, () => void]> = [];
    for (const route of routes) {
      const condition = attempt(`routes "${route.name}".match`, () => matchCondition(route.match));
      if (condition === undefined) continue;
      branches.push([condition, () => w.line(`set req.http.${H.route} = ${vclString(route.name)};`)]);
    }
    w.chain(branches);
  });
  w.line();
}

const isCached = (route: RouteRule): route is ProxyRoute & { cache: CachePolicyRule } => !isSyntheticRoute(route) && route.cache !== 'pass';

/**
 * The key URL: the path with only the kept query parameters, in the rule's order (repeats
 * in request order), as the Node edge's normaliseQuery builds it; it is also what the origin
 * is asked for. Device class goes into a second key part.
 */
function writeCacheKey(w: VclWriter, routes: RouteRule[], attempt: Attempt) {
  w.block('sub hatago_cache_key', () => {
    w.line(`set req.http.${H.keyUrl} = ${PATH};`);
    w.line(`set req.http.${H.keyExtra} = "";`);
    const branches: Array<[string, () => void]> = [];
    for (const route of routes.filter(isCached)) {
      const { key } = route.cache;
      if (key.query.length === 0 && !key.device) continue;
      attempt(`routes "${route.name}".cache.key`, () => {
        const pieces = key.query.map((name) => {
          const escaped = escapeRegex(name);
          // "&" + query with every pair not named `name` removed: its pairs in request order
          return `regsuball("&" + regsub(req.url, "^[^?]*\\??", ""), ${vclRegex(`&(?!${escaped}(?:=|&|$))[^&]*`)}, "")`;
        });
        branches.push([
          `req.http.${H.route} == ${vclString(route.name)}`,
          () => {
            if (pieces.length > 0) {
              w.block('if (req.url ~ "\\?")', () => {
                w.line(`set req.http.${H.keyUrl} = ${PATH} + regsub(${pieces.join(' + ')}, "^&", "?");`);
              });
            }
            if (key.device) {
              w.chain([[`req.http.User-Agent ~ ${vclRegex(MOBILE_USER_AGENT)}`, () => w.line(`set req.http.${H.keyExtra} = "d=mobile";`)]], () =>
                w.line(`set req.http.${H.keyExtra} = "d=desktop";`),
              );
            }
          },
        ]);
      });
    }
    w.chain(branches);
  });
  w.line();
}

/** Backend choice (with rollout), synthetic answers, pass or lookup, per matched route. */
function writeRouteActions(w: VclWriter, routes: RouteRule[], directors: Map<string, string>, attempt: Attempt) {
  w.block('sub hatago_route', () => {
    const branches: Array<[string, () => void]> = [];
    for (const route of routes) {
      const test = `req.http.${H.route} == ${vclString(route.name)}`;
      if (isSyntheticRoute(route)) {
        branches.push([test, () => {
          w.line(`set req.http.${H.synth} = ${vclString(`route:${route.name}`)};`);
          w.line(`return (synth(${route.synthetic.status}));`);
        }]);
        continue;
      }
      attempt(`routes "${route.name}"`, () => {
        const stable = directors.get(route.backend);
        const rollout = route.rollout;
        const canary = rollout && directors.get(rollout.backend);
        branches.push([
          test,
          () => {
            w.line(`set req.backend_hint = ${stable}.backend();`);
            w.line(`set req.http.${H.backend} = ${vclString(route.backend)};`);
            if (rollout && canary) writeRollout(w, rollout, canary);
            w.line(`set req.http.${H.policy} = "${route.cache === 'pass' ? 'pass' : 'cache'}";`);
          },
        ]);
      });
    }
    w.chain(branches);
  });
  w.line();
}

function writeRollout(w: VclWriter, rollout: NonNullable<ProxyRoute['rollout']>, canary: string) {
  const cookie = escapeRegex(rollout.cookie);
  const remembered = cookieValue(rollout.cookie);
  const hasCookie = `req.http.Cookie ~ ${vclRegex(`(^|;)\\s*${cookie}\\s*=`)}`;
  // as the Node edge: while the canary has no healthy instance its visitors get the stable pages (their cookie stays)
  const toCanary = () =>
    w.block(`if (std.healthy(${canary}.backend()))`, () => {
      w.line(`set req.backend_hint = ${canary}.backend();`);
      w.line(`set req.http.${H.backend} = ${vclString(rollout.backend)};`);
    });
  const remember = (value: '0' | '1') => w.line(`set req.http.${H.setCookie} = ${vclString(`${rollout.cookie}=${value}${ROLLOUT_COOKIE_ATTRIBUTES}`)};`);
  w.line(`# rollout to ${rollout.backend}: ?${rollout.query}=1|0 wins and is remembered, then the ${rollout.cookie} cookie, then a ${rollout.percent}% draw`);
  w.line(`set req.http.${H.asked} = ${queryValue(rollout.query)};`);
  w.chain(
    [
      [
        `req.http.${H.asked} ~ "^[01]$"`,
        () => {
          w.block(`if (req.http.${H.asked} == "1")`, toCanary);
          w.block(`if (!(${hasCookie}) || ${remembered} != req.http.${H.asked})`, () => {
            w.line(`set req.http.${H.setCookie} = ${vclString(`${rollout.cookie}=`)} + req.http.${H.asked} + ${vclString(ROLLOUT_COOKIE_ATTRIBUTES)};`);
          });
        },
      ],
      [`${hasCookie} && ${remembered} ~ "^[01]$"`, () => w.block(`if (${remembered} == "1")`, toCanary)],
      ...(rollout.percent > 0
        ? ([
            [
              `std.random(0, 100) < ${rollout.percent}`,
              () => {
                toCanary();
                remember('1');
              },
            ],
            ['true', () => remember('0')],
          ] as Array<[string, () => void]>)
        : []),
    ],
  );
}

/**
 * Every stored object carries two xkey tags besides its Surrogate-Key ones: one for "all"
 * and one for its key URL (base64url, since xkey splits on spaces and commas), so purges by
 * URL and of everything count what they removed and can be soft, like the Node edge's.
 */
const ALL_TAG = 'hatago:all';
const urlTag = (keyUrl: string) => `"hatago:url:" + blob.encode(BASE64URLNOPAD, blob=blob.decode(IDENTITY, encoded=${keyUrl}))`;

/** The purge API of the Node edge (apps/edge/src/purge/purge-routes.ts), same paths and answers, on the "admin" listener. */
function writeAdmin(w: VclWriter, tokenEnv: string) {
  const token = `std.getenv(${vclConstant(tokenEnv, 'environment variable')})`;
  const purge = (tag: string, soft: string) =>
    w.chain([[soft, () => w.line(`set req.http.${H.purged} = xkey.softpurge(${tag});`)]], () => w.line(`set req.http.${H.purged} = xkey.purge(${tag});`));
  w.line('# bearer token from the environment (never written here), and a client ACL');
  w.block('sub hatago_admin', () => {
    w.block('if (!(client.ip ~ hatago_purgers))', () => w.line('return (synth(403));'));
    w.block(`if (${token} == "" || req.http.Authorization != "Bearer " + ${token})`, () => w.line('return (synth(401));'));
    w.block('if (req.method != "POST")', () => w.line('return (synth(404));'));
    const softKeyOrAll = 'req.url ~ "\\?soft=1$" || req.http.Soft-Purge == "1"';
    w.chain(
      [
        [
          'req.url ~ "^/purge/key/"',
          () => {
            w.line(`set req.http.${H.purgeKey} = blob.transcode(URL, IDENTITY, encoded=regsub(req.url, "^/purge/key/([^?]*).*$", "\\1"));`);
            w.block(`if (req.http.${H.purgeKey} == "" || req.http.${H.purgeKey} ~ "[\\s,]")`, () => w.line('return (synth(400));'));
            purge(`req.http.${H.purgeKey}`, softKeyOrAll);
            w.line('return (synth(200));');
          },
        ],
        [
          'req.url ~ "^/purge/url/"',
          () => {
            w.line("# keyed exactly as its route keys a GET for it, so every variant (canary, device, host) goes");
            w.line('set req.url = regsub(req.url, "^/purge/url", "");');
            w.line('set req.method = "GET";');
            w.line(`set ${PATH} = regsub(req.url, "\\?.*$", "");`);
            w.line('call hatago_match;');
            w.line('call hatago_cache_key;');
            purge(urlTag(`req.http.${H.keyUrl}`), 'req.http.Soft-Purge == "1"');
            w.line('return (synth(200));');
          },
        ],
        [
          'req.url ~ "^/purge/all(\\?soft=1)?$"',
          () => {
            purge(`"${ALL_TAG}"`, softKeyOrAll);
            w.line('return (synth(200));');
          },
        ],
      ],
      () => w.line('return (synth(404));'),
    );
  });
  w.line();
}

function writeRecv(w: VclWriter) {
  w.block('sub vcl_recv', () => {
    w.line('call hatago_arrival;');
    w.block('if (local.socket == "admin")', () => w.line('call hatago_admin;'));
    w.line('call hatago_redirects;');
    w.line('call hatago_match;');
    w.block(`if (!req.http.${H.route})`, () => w.line('return (synth(404));'));
    w.line('# a restart (vcl_hit refetching an entry) is the same client request: counted once');
    w.block('if (req.restarts == 0)', () => w.line('call hatago_rate_limits;'));
    w.line('call hatago_route;');
    w.line('call hatago_body;');
    w.block(`if (req.http.${H.policy} == "pass")`, () => {
      w.line(`set req.http.${H.cacheStatus} = "Hatago; fwd=bypass";`);
      w.line('return (pass);');
    });
    w.line('call hatago_cache_key;');
    w.block('if (req.method !~ "^(GET|HEAD)$")', () => {
      w.line(`set req.http.${H.cacheStatus} = "Hatago; fwd=method";`);
      w.line('return (pass);');
    });
    w.block('if (req.http.Authorization)', () => {
      w.line(`set req.http.${H.cacheStatus} = "Hatago; fwd=request; detail=authorization";`);
      w.line('return (pass);');
    });
    w.block(`if (req.http.${H.staleKept} == "serve")`, () => w.line('set req.hash_always_miss = false;'));
    w.line('return (hash);');
  });
  w.line();
}

function writeLookup(w: VclWriter) {
  w.block('sub vcl_hash', () => {
    w.line(`hash_data(req.http.${H.backend});`);
    w.line('hash_data(std.tolower(regsub(req.http.host, ":[0-9]+$", "")));');
    w.line(`hash_data(req.http.${H.keyUrl});`);
    w.line(`hash_data(req.http.${H.keyExtra});`);
    w.line('return (lookup);');
  });
  w.line();
  w.block('sub vcl_hit', () => {
    w.block('if (obj.ttl >= 0s)', () => {
      w.line(`set req.http.${H.xcache} = "HIT";`);
      w.line(`set req.http.${H.cacheStatus} = "Hatago; hit";`);
      w.line('return (deliver);');
    });
    w.line(`set req.http.${H.xcache} = "STALE";`);
    w.block(`if (!std.healthy(req.backend_hint) || req.http.${H.staleKept} == "serve")`, () => {
      w.line(`set req.http.${H.cacheStatus} = "Hatago; fwd=stale; detail=stale-if-error";`);
      w.line('return (deliver);');
    });
    w.line('# healthy origin: stale only within its stale-while-revalidate window (grace holds the longer stale-if-error one)');
    w.block(`if (obj.ttl + std.duration(obj.http.${OBJ.swr} + "s", 0s) < 0s && req.restarts == 0)`, () => {
      w.line('# fetched in the foreground past the entry; should that fail, vcl_synth comes back for the entry');
      w.line(`set req.http.${H.staleKept} = "kept";`);
      w.line('set req.hash_always_miss = true;');
      w.line('return (restart);');
    });
    w.line(`set req.http.${H.cacheStatus} = "Hatago; hit; fwd=stale; detail=stale-while-revalidate";`);
    w.line('return (deliver);');
  });
  w.line();
  w.block('sub vcl_miss', () => {
    w.line(`set req.http.${H.xcache} = "MISS";`);
    w.line(`set req.http.${H.cacheStatus} = "Hatago; fwd=uri-miss";`);
  });
  w.line();
  w.block('sub vcl_pass', () => {
    w.line(`set req.http.${H.xcache} = "PASS";`);
    w.block(`if (req.is_hitpass)`, () => w.line(`set req.http.${H.cacheStatus} = "Hatago; fwd=bypass; detail=hit-for-pass";`));
    w.block(`if (!req.http.${H.cacheStatus})`, () => w.line(`set req.http.${H.cacheStatus} = "Hatago; fwd=bypass";`));
  });
  w.line();
}

function rewriteLines(w: VclWriter, target: 'bereq' | 'beresp' | 'resp', rewrites: HeaderRewrite[], route: RouteRule, attempt: Attempt) {
  for (const rewrite of rewrites) {
    if (rewrite.routes && !rewrite.routes.includes(route.name)) continue;
    attempt(`headers rewrite of ${'set' in rewrite ? rewrite.set : rewrite.remove}`, () => {
      if ('set' in rewrite) w.line(`set ${target}.http.${headerName(rewrite.set)} = ${vclString(rewrite.value)};`);
      else w.line(`unset ${target}.http.${headerName(rewrite.remove)};`);
    });
  }
}

/** A chain over the route names that have something to do, from the route saved in the backend task. */
function perRoute(w: VclWriter, routes: RouteRule[], body: (route: RouteRule, into: VclWriter) => void) {
  const branches: Array<[string, () => void]> = [];
  for (const route of routes) {
    const probe = new VclWriter();
    body(route, probe);
    if (probe.toString().trim() === '') continue;
    branches.push([`var.get("route") == ${vclString(route.name)}`, () => body(route, w)]);
  }
  w.chain(branches);
}

function writeBackendFetch(w: VclWriter, routes: RouteRule[], rewrites: HeaderRewrite[], attempt: Attempt) {
  w.block('sub vcl_backend_fetch', () => {
    w.line('# serving an entry stale starts a background refresh; not when the origin has just failed that very refresh');
    w.block(`if (bereq.is_bgfetch && bereq.http.${H.staleKept} == "serve")`, () => w.line('return (abandon);'));
    w.line('# the client side\'s decisions move into this backend task; origins never see X-Hatago-*');
    w.block(`if (bereq.http.${H.route})`, () => {
      w.line(`var.set("route", bereq.http.${H.route});`);
      w.line(`var.set("backend", bereq.http.${H.backend});`);
      w.line(`var.set("policy", bereq.http.${H.policy});`);
      w.line(`var.set("key-url", bereq.http.${H.keyUrl});`);
      w.line(`var.set("stale-kept", bereq.http.${H.staleKept});`);
    });
    for (const header of Object.values(H)) w.line(`unset bereq.http.${header};`);
    w.line('# a cached route asks the origin for the key URL: what is stored never depends on a stripped parameter');
    w.block('if (var.get("policy") == "cache" && bereq.method ~ "^(GET|HEAD)$")', () => w.line('set bereq.url = var.get("key-url");'));
    perRoute(w, routes, (route, into) => {
      if (!isSyntheticRoute(route)) rewriteLines(into, 'bereq', rewrites, route, attempt);
    });
  });
  w.line();
}

function writeBackendResponse(w: VclWriter, routes: RouteRule[], rewrites: HeaderRewrite[], attempt: Attempt) {
  w.block('sub vcl_backend_response', () => {
    w.line('# Surrogate-Key tags index the object for xkey; the client never sees them');
    w.line('unset beresp.http.xkey;');
    w.block('if (beresp.http.Surrogate-Key)', () => {
      w.line('set beresp.http.xkey = beresp.http.Surrogate-Key;');
      w.line('unset beresp.http.Surrogate-Key;');
    });
    perRoute(w, routes, (route, into) => {
      if (!isSyntheticRoute(route)) rewriteLines(into, 'beresp', rewrites, route, attempt);
    });
    w.line('# RFC 9111 §4.4: a successful unsafe request invalidates its target and the same-host Location / Content-Location');
    w.block('if (bereq.method ~ "^(POST|PUT|PATCH|DELETE)$" && beresp.status < 400)', () => {
      const banPath = (expression: string) => w.line(`std.ban(${vclString(`obj.http.${OBJ.path} == "`)} + ${expression} + ${vclString('"')});`);
      banPath('regsub(bereq.url, "\\?.*$", "")');
      for (const header of ['Location', 'Content-Location']) {
        w.chain([
          [`beresp.http.${header} ~ "^/"`, () => banPath(`regsub(beresp.http.${header}, "[?#].*$", "")`)],
          [
            `beresp.http.${header} ~ "^https?://" && regsub(beresp.http.${header}, "^https?://([^/?#]+).*$", "\\1") == bereq.http.host`,
            () => banPath(`regsub(regsub(beresp.http.${header}, "^https?://[^/?#]+", ""), "[?#].*$", "")`),
          ],
        ]);
      }
    });
    w.block('if (var.get("policy") != "cache" || bereq.uncacheable)', () => w.line('return (deliver);'));
    w.line(`set beresp.http.xkey = ${vclString(`${ALL_TAG} `)} + ${urlTag('var.get("key-url")')} + " " + beresp.http.xkey;`);
    w.line(`set beresp.http.${OBJ.path} = regsub(var.get("key-url"), "\\?.*$", "");`);
    w.line('# stale-if-error: a failed refresh keeps the stale object (a foreground one serves it from vcl_synth)');
    w.block('if (beresp.status >= 500 && (bereq.is_bgfetch || var.get("stale-kept") == "kept"))', () => w.line('return (abandon);'));
    w.line('# never shared: one guest\'s cookie or private page must not reach another; the key passes for a while, as on the Node edge');
    w.block(
      'if (beresp.http.Set-Cookie || beresp.http.Cache-Control ~ "(?i)(^|[ ,])(private|no-store)($|[ ,=])" || beresp.http.Vary ~ "^\\s*\\*")',
      () => {
        w.line(`return (pass(${HIT_FOR_PASS_SECONDS}s));`);
      },
    );
    w.line('# RFC 9111 §4.2.2: heuristic freshness (10% of the age since Last-Modified) only without explicit freshness');
    w.block('if (beresp.http.Cache-Control !~ "(?i)(^|[ ,])(s-maxage|max-age)=" && !beresp.http.Expires)', () => {
      w.chain(
        [
          [
            `beresp.http.Last-Modified && (${HEURISTIC_STATUSES.map((status) => `beresp.status == ${status}`).join(' || ')})`,
            () => w.line('set beresp.ttl = (now - std.time(beresp.http.Last-Modified, now)) * 0.1;'),
          ],
        ],
        () => w.line('set beresp.ttl = 0s;'),
      );
    });
    const cached = routes.filter(isCached);
    perRoute(w, cached, (route, into) => {
      if (!isCached(route)) return;
      const { ttl, graceSeconds } = route.cache;
      if (typeof ttl === 'number') into.line(`set beresp.ttl = ${ttl}s;`);
      into.line(`set beresp.grace = ${graceSeconds}s;`);
      into.line(`set beresp.http.${OBJ.swr} = "${graceSeconds}";`);
    });
    w.line('# no-cache, must-revalidate and proxy-revalidate forbid serving stale (RFC 9111 §4.2.4)');
    w.chain(
      [
        [
          'beresp.http.Cache-Control ~ "(?i)(^|[ ,])(no-cache|must-revalidate|proxy-revalidate)($|[ ,=])"',
          () => {
            w.block('if (beresp.http.Cache-Control ~ "(?i)(^|[ ,])no-cache($|[ ,=])")', () => w.line('set beresp.ttl = 0s;'));
            w.line('set beresp.grace = 0s;');
            w.line(`set beresp.http.${OBJ.swr} = "0";`);
          },
        ],
        [
          'beresp.http.Cache-Control ~ "(?i)(^|[ ,])stale-(while-revalidate|if-error)=[0-9]"',
          () => {
            w.line('# the origin\'s own windows, each in place of the route\'s grace: grace covers the longer (stale-if-error), swr is remembered for vcl_hit');
            w.block('if (beresp.http.Cache-Control ~ "(?i)(^|[ ,])stale-while-revalidate=[0-9]")', () =>
              w.line(`set beresp.http.${OBJ.swr} = regsub(beresp.http.Cache-Control, "^(?:.*[ ,])?(?i:stale-while-revalidate)=([0-9]+).*$", "\\1");`),
            );
            w.block('if (beresp.http.Cache-Control ~ "(?i)(^|[ ,])stale-if-error=[0-9]")', () =>
              w.line('set beresp.grace = std.duration(regsub(beresp.http.Cache-Control, "^(?:.*[ ,])?(?i:stale-if-error)=([0-9]+).*$", "\\1") + "s", 0s);'),
            );
            w.block(`if (std.duration(beresp.http.${OBJ.swr} + "s", 0s) > beresp.grace)`, () => w.line(`set beresp.grace = std.duration(beresp.http.${OBJ.swr} + "s", 0s);`));
          },
        ],
      ],
    );
    w.line('# without freshness a response is only worth keeping for revalidation, and only with a validator');
    w.block('if (beresp.ttl <= 0s && !beresp.http.ETag && !beresp.http.Last-Modified)', () => {
      w.line(`return (pass(${HIT_FOR_PASS_SECONDS}s));`);
    });
    w.block('if (beresp.ttl < 0s)', () => w.line('set beresp.ttl = 0s;'));
    w.line('# compressed once when stored, as the Node edge does (apps/edge/src/compression): text-like, not encoded, not no-transform, 256 bytes or more');
    w.block(
      `if (!beresp.http.Content-Encoding && beresp.http.Content-Type ~ ${vclRegex(COMPRESSIBLE_TYPE)} && beresp.http.Cache-Control !~ "(?i)no-transform" && std.integer(beresp.http.Content-Length, 256) >= 256)`,
      () => w.line('set beresp.do_gzip = true;'),
    );
    w.block('if (beresp.http.ETag || beresp.http.Last-Modified)', () => w.line('set beresp.keep = 1h;'));
    w.line('return (deliver);');
  });
  w.line();
}

/**
 * The edge's own answer as the Node edge writes it (apps/edge/src/proxy/edge-answers.ts):
 * problem+json for /api/, a friendly page otherwise, the request id in both. Returns the VCL
 * statements that fill the body; `requestId` is a VCL expression.
 */
function problemBody(w: VclWriter, problem: EdgeProblem, target: 'resp' | 'beresp', url: string, requestId: string) {
  const json = JSON.stringify({ type: 'about:blank', status: problem.status, title: problem.title, code: problem.code, detail: problem.detail, requestId: '' });
  const [jsonHead] = json.split('""}');
  w.block(`if (${url} ~ "^/api/")`, () => {
    w.line(`set ${target}.http.Content-Type = "application/problem+json";`);
    w.line(`synthetic(${vclString(`${jsonHead}"`)} + ${requestId} + ${vclString('"}')});`);
    w.line('return (deliver);');
  });
  const page = `<!doctype html><html lang="en"><meta charset="utf-8"><title>${escapeHtml(problem.title)}</title>
<body style="font-family:system-ui;max-width:40rem;margin:4rem auto;padding:0 1rem">
<h1>${escapeHtml(problem.heading)}</h1><p>${escapeHtml(problem.detail)}</p>
<p>Request ID: <code>`;
  w.line(`set ${target}.http.Content-Type = "text/html; charset=utf-8";`);
  w.line(`synthetic(${vclString(page)} + ${requestId} + ${vclString('</code></p></body></html>')});`);
  w.line('return (deliver);');
}

/**
 * A failed fetch, answered as the Node edge answers it: a first-byte timeout is 504 and is
 * not retried (VCL does not say why a fetch failed; the time spent does); a failed
 * connection is retried once on another instance when the request may be replayed, then 503.
 * One difference remains: a connection reset before the response (the Node edge: 502) is
 * also 503 here, since VCL cannot tell it from a refused connection.
 */
function writeBackendError(w: VclWriter, backends: EdgeRules['backends']) {
  w.block('sub vcl_backend_error', () => {
    w.chain(
      Object.entries(backends).map(([name, backend]): [string, () => void] => [
        // 90%: Varnish's timer may fire a little before the full timeout, a refused connection fails at once
        `var.get("backend") == ${vclString(name)} && now - bereq.time >= ${duration(Math.floor(backend.firstByteTimeoutMs * 0.9))}`,
        () => w.line('var.set("timed-out", "yes");'),
      ]),
    );
    w.block(
      `if (var.get("timed-out") != "yes" && bereq.retries == 0 && (bereq.method ~ "${IDEMPOTENT}" || (bereq.method == "POST" && bereq.http.Idempotency-Key)))`,
      () => w.line('return (retry);'),
    );
    w.block('if (bereq.is_bgfetch || var.get("stale-kept") == "kept")', () => w.line('return (abandon);'));
    w.line('set beresp.ttl = 0s;');
    w.line('set beresp.grace = 0s;');
    w.line('set beresp.uncacheable = true;');
    w.line('set beresp.http.Cache-Control = "no-store";');
    // the request id is the client's (bereq carries it); a key URL keeps the request's path
    w.chain(
      [
        [
          'var.get("timed-out") == "yes"',
          () => {
            w.line('set beresp.status = 504;');
            problemBody(w, PROBLEMS.gatewayTimeout, 'beresp', 'bereq.url', 'bereq.http.X-Request-Id');
          },
        ],
      ],
      () => {
        w.line('set beresp.status = 503;');
        problemBody(w, PROBLEMS.unavailable, 'beresp', 'bereq.url', 'bereq.http.X-Request-Id');
      },
    );
  });
  w.line();
}

function writeDeliver(w: VclWriter) {
  w.block('sub vcl_deliver', () => {
    w.line('set resp.http.X-Request-Id = req.http.X-Request-Id;');
    w.block(`if (req.http.${H.cacheStatus})`, () => {
      w.block(`if (req.http.${H.xcache} == "MISS" && !obj.uncacheable)`, () => w.line(`set req.http.${H.cacheStatus} = req.http.${H.cacheStatus} + "; stored";`));
      w.line(`set resp.http.Cache-Status = req.http.${H.cacheStatus};`);
      w.line(`set resp.http.X-Cache = req.http.${H.xcache};`);
    });
    w.block(`if (req.http.${H.setCookie})`, () => w.line(`header.append(resp.http.Set-Cookie, req.http.${H.setCookie});`));
    for (const name of ['xkey', 'Surrogate-Key', ...Object.values(OBJ), 'X-Varnish', 'Via']) w.line(`unset resp.http.${name};`);
  });
  w.line();
}

const EDGE_ANSWERS: EdgeProblem[] = [
  PROBLEMS.notFound,
  PROBLEMS.methodNotAllowed,
  PROBLEMS.tooLarge,
  PROBLEMS.uriTooLong,
  PROBLEMS.tooManyRequests,
  PROBLEMS.notImplemented,
];

function writeSynth(w: VclWriter, routes: RouteRule[], rewrites: HeaderRewrite[], attempt: Attempt) {
  w.block('sub vcl_synth', () => {
    w.line('# a foreground refresh abandoned for a failed origin: back to the stale entry it kept');
    w.block(`if (req.http.${H.staleKept} == "kept" && resp.status == 503)`, () => {
      w.line(`set req.http.${H.staleKept} = "serve";`);
      w.line('return (restart);');
    });
    w.line('set resp.http.X-Request-Id = req.http.X-Request-Id;');
    w.line('set resp.http.Cache-Control = "no-store";');
    w.block(`if (req.http.${H.location})`, () => {
      w.line(`set resp.http.Location = req.http.${H.location};`);
      w.line('set resp.http.Content-Length = "0";');
      w.line('return (deliver);');
    });
    w.block('if (local.socket == "admin")', () => {
      w.line('set resp.http.Content-Type = "application/json";');
      w.block('if (resp.status == 401)', () => w.line('set resp.http.WWW-Authenticate = {"Bearer realm="hatago-edge-admin""};'));
      const answers: Array<[number, object]> = [
        [200, {}],
        [400, { type: 'about:blank', status: 400, title: 'Bad Request', detail: 'One surrogate key per request.' }],
        [401, { type: 'about:blank', status: 401, title: 'Unauthorized', detail: 'A valid bearer token is required.' }],
        [403, { type: 'about:blank', status: 403, title: 'Forbidden', detail: 'This address may not use the admin listener.' }],
        [404, { type: 'about:blank', status: 404, title: 'Not Found' }],
      ];
      w.chain(
        answers.map(([status, body]): [string, () => void] => [
          `resp.status == ${status}`,
          () => {
            if (status === 200) w.line(`synthetic(${vclString('{"purged":')} + req.http.${H.purged} + "}");`);
            else w.line(`synthetic(${vclString(JSON.stringify(body))});`);
          },
        ]),
      );
      w.line('return (deliver);');
    });
    for (const route of routes) {
      if (!isSyntheticRoute(route)) continue;
      attempt(`routes "${route.name}".synthetic`, () => {
        const { synthetic } = route;
        w.block(`if (req.http.${H.synth} == ${vclString(`route:${route.name}`)})`, () => {
          w.line(`set resp.http.Content-Type = ${vclString(synthetic.contentType)};`);
          if (synthetic.retryAfterSeconds !== undefined) w.line(`set resp.http.Retry-After = "${synthetic.retryAfterSeconds}";`);
          rewriteLines(w, 'resp', rewrites, route, attempt);
          w.line(`synthetic(${vclString(synthetic.body)});`);
          w.line('return (deliver);');
        });
      });
    }
    w.block(`if (req.http.${H.synth} ~ "^retry-after:")`, () => w.line(`set resp.http.Retry-After = regsub(req.http.${H.synth}, "^retry-after:", "");`));
    w.block('if (resp.status == 405 || resp.status == 501)', () => w.line(`set resp.http.Allow = "${HTTP_METHODS.join(', ')}";`));
    w.line('# the edge\'s own answers: problem+json for the API, a friendly page otherwise, both with the request id');
    const branches: Array<[string, () => void]> = EDGE_ANSWERS.map((problem) => [
      `resp.status == ${problem.status}`,
      () => {
        w.line(`set resp.reason = ${vclString(problem.title)};`);
        problemBody(w, problem, 'resp', 'req.url', 'req.http.X-Request-Id');
      },
    ]);
    w.chain(branches);
  });
}
