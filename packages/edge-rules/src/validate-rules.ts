import { HTTP_METHODS } from './edge-rules.ts';
import { trustedProxyProblem } from './trusted-proxies.ts';

/** One thing wrong in a rules file: where (path into the rules object) and why. */
export interface RuleProblem {
  path: Array<string | number>;
  message: string;
}

export const formatRulePath = (path: Array<string | number>) =>
  path.map((part, i) => (typeof part === 'number' ? `[${part}]` : i === 0 ? part : `.${part}`)).join('');

type Obj = Record<string, unknown>;
const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;
const NAME = /^[a-z][a-z0-9-]*$/;
const isObject = (value: unknown): value is Obj => typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * Checks a rules value by hand rather than with a generic schema: a reviewer should read
 * "routes[3].backend: 'gest' is not a declared backend (guest, facility, …)", not
 * "Expected union value". Unknown keys are refused, so a typo never silently does nothing.
 */
export function validateEdgeRules(value: unknown): RuleProblem[] {
  const problems: RuleProblem[] = [];
  const fail = (path: Array<string | number>, message: string) => problems.push({ path, message });

  const object = (v: unknown, path: Array<string | number>, required: string[], optional: string[] = []): v is Obj => {
    if (!isObject(v)) {
      fail(path, 'must be an object');
      return false;
    }
    for (const key of required) if (v[key] === undefined) fail([...path, key], 'is required');
    for (const key of Object.keys(v)) {
      if (!required.includes(key) && !optional.includes(key)) fail([...path, key], `is not a known setting (expected ${[...required, ...optional].join(', ')})`);
    }
    return true;
  };
  const array = (v: unknown, path: Array<string | number>): v is unknown[] => {
    if (Array.isArray(v)) return true;
    fail(path, 'must be a list');
    return false;
  };
  const integer = (v: unknown, path: Array<string | number>, min: number, max = Number.MAX_SAFE_INTEGER) => {
    if (typeof v !== 'number' || !Number.isInteger(v) || v < min || v > max) fail(path, `must be an integer from ${min}${max === Number.MAX_SAFE_INTEGER ? '' : ` to ${max}`}`);
  };
  const string = (v: unknown, path: Array<string | number>, pattern?: RegExp, what?: string): v is string => {
    if (typeof v !== 'string' || v === '') {
      fail(path, 'must be a non-empty string');
      return false;
    }
    if (pattern && !pattern.test(v)) {
      fail(path, `${JSON.stringify(v)} is not ${what}`);
      return false;
    }
    return true;
  };
  const regex = (v: unknown, path: Array<string | number>): number => {
    if (!string(v, path)) return 0;
    try {
      // groups counted by matching the empty alternative: one array slot per group
      return new RegExp(`${v}|`).exec('')!.length - 1;
    } catch (error) {
      fail(path, `is not a valid regular expression: ${(error as Error).message}`);
      return 0;
    }
  };
  const valueMatch = (v: unknown, path: Array<string | number>) => {
    if (!object(v, path, ['name'], ['equals', 'pattern'])) return;
    string(v.name, [...path, 'name']);
    if (v.equals !== undefined && v.pattern !== undefined) fail(path, 'give equals or pattern, not both');
    if (v.equals !== undefined && typeof v.equals !== 'string') fail([...path, 'equals'], 'must be a string');
    if (v.pattern !== undefined) regex(v.pattern, [...path, 'pattern']);
  };
  /** Returns how many capture groups the match's pathPattern has, for redirect $n checks. */
  const match = (v: unknown, path: Array<string | number>): number => {
    if (!object(v, path, [], ['pathPrefix', 'pathPattern', 'host', 'methods', 'header', 'cookie', 'query'])) return 0;
    let groups = 0;
    if (v.pathPrefix !== undefined) string(v.pathPrefix, [...path, 'pathPrefix'], /^\/[^?#\s]*$/, 'a path starting with / (no query)');
    if (v.pathPattern !== undefined) groups = regex(v.pathPattern, [...path, 'pathPattern']);
    if (v.host !== undefined) string(v.host, [...path, 'host'], /^[a-z0-9.-]+$/, 'a lower-case host name without port');
    if (v.methods !== undefined && array(v.methods, [...path, 'methods'])) {
      if (v.methods.length === 0) fail([...path, 'methods'], 'must name at least one method (omit it to match every method)');
      v.methods.forEach((m, i) => {
        if (!HTTP_METHODS.includes(m as never)) fail([...path, 'methods', i], `${JSON.stringify(m)} is not one of ${HTTP_METHODS.join(', ')}`);
      });
    }
    for (const key of ['header', 'cookie', 'query'] as const) if (v[key] !== undefined) valueMatch(v[key], [...path, key]);
    return groups;
  };
  const names = (list: unknown[], path: Array<string | number>) => {
    const seen = new Set<string>();
    list.forEach((item, i) => {
      if (!isObject(item)) return;
      if (string(item.name, [...path, i, 'name'], NAME, 'a lower-case name (a-z, 0-9, -)')) {
        if (seen.has(item.name as string)) fail([...path, i, 'name'], `${JSON.stringify(item.name)} is used twice`);
        seen.add(item.name as string);
      }
    });
    return seen;
  };

  if (!object(value, [], ['backends', 'redirects', 'routes', 'headers', 'rateLimits', 'limits'], ['trustedProxies'])) return problems;
  const rules = value;

  const backendNames = isObject(rules.backends) ? Object.keys(rules.backends) : [];
  if (object(rules.backends, ['backends'], [], backendNames)) {
    if (backendNames.length === 0) fail(['backends'], 'must declare at least one backend');
    for (const name of backendNames) {
      const path = ['backends', name];
      if (!NAME.test(name)) fail(path, `${JSON.stringify(name)} is not a lower-case name (a-z, 0-9, -)`);
      const backend = rules.backends[name];
      if (!object(backend, path, ['probe', 'connectTimeoutMs', 'firstByteTimeoutMs', 'idleTimeoutMs', 'balance'])) continue;
      if (object(backend.probe, [...path, 'probe'], ['path', 'intervalMs', 'timeoutMs', 'window', 'threshold'])) {
        const probe = backend.probe;
        string(probe.path, [...path, 'probe', 'path'], /^\/\S*$/, 'a path starting with /');
        integer(probe.intervalMs, [...path, 'probe', 'intervalMs'], 100);
        integer(probe.timeoutMs, [...path, 'probe', 'timeoutMs'], 10);
        integer(probe.window, [...path, 'probe', 'window'], 1, 64);
        integer(probe.threshold, [...path, 'probe', 'threshold'], 1, 64);
        if (typeof probe.window === 'number' && typeof probe.threshold === 'number' && probe.threshold > probe.window) {
          fail([...path, 'probe', 'threshold'], `${probe.threshold} is more than the window of ${probe.window} probes, so the backend could never be healthy`);
        }
        if (typeof probe.timeoutMs === 'number' && typeof probe.intervalMs === 'number' && probe.timeoutMs > probe.intervalMs) {
          fail([...path, 'probe', 'timeoutMs'], 'must not exceed intervalMs (probes would overlap)');
        }
      }
      for (const key of ['connectTimeoutMs', 'firstByteTimeoutMs', 'idleTimeoutMs']) integer(backend[key], [...path, key], 1);
      if (backend.balance !== 'round-robin' && backend.balance !== 'least-connections') {
        fail([...path, 'balance'], `${JSON.stringify(backend.balance)} is not 'round-robin' or 'least-connections'`);
      }
    }
  }
  const knownBackend = (v: unknown, path: Array<string | number>) => {
    if (string(v, path) && !backendNames.includes(v)) fail(path, `${JSON.stringify(v)} is not a declared backend (${backendNames.join(', ')})`);
  };

  if (array(rules.redirects, ['redirects'])) {
    names(rules.redirects, ['redirects']);
    rules.redirects.forEach((redirect, i) => {
      const path = ['redirects', i];
      if (!object(redirect, path, ['name', 'match', 'location', 'status', 'keepQuery'])) return;
      const groups = match(redirect.match, [...path, 'match']);
      if (string(redirect.location, [...path, 'location'], /^(\/|https?:\/\/)[^\s]*$/, 'a path starting with / or an http(s) URL')) {
        for (const ref of (redirect.location as string).matchAll(/\$(\d)/g)) {
          if (Number(ref[1]) > groups) fail([...path, 'location'], `uses $${ref[1]} but match.pathPattern has ${groups} group(s)`);
        }
      }
      if (![301, 302, 303, 307, 308].includes(redirect.status as number)) fail([...path, 'status'], 'must be 301, 302, 303, 307 or 308');
      if (typeof redirect.keepQuery !== 'boolean') fail([...path, 'keepQuery'], 'must be true or false');
    });
  }

  const routeNames = array(rules.routes, ['routes']) ? names(rules.routes as unknown[], ['routes']) : new Set<string>();
  if (Array.isArray(rules.routes)) {
    if (rules.routes.length === 0) fail(['routes'], 'must have at least one route');
    rules.routes.forEach((route, i) => {
      const path = ['routes', i];
      if (!isObject(route)) return fail(path, 'must be an object');
      if ('synthetic' in route) {
        if (!object(route, path, ['name', 'match', 'synthetic'], ['enabled'])) return;
        if (object(route.synthetic, [...path, 'synthetic'], ['status', 'contentType', 'body'], ['retryAfterSeconds'])) {
          const synthetic = route.synthetic;
          integer(synthetic.status, [...path, 'synthetic', 'status'], 200, 599);
          string(synthetic.contentType, [...path, 'synthetic', 'contentType']);
          if (typeof synthetic.body !== 'string') fail([...path, 'synthetic', 'body'], 'must be a string');
          if (synthetic.retryAfterSeconds !== undefined) integer(synthetic.retryAfterSeconds, [...path, 'synthetic', 'retryAfterSeconds'], 0);
        }
      } else {
        if (!object(route, path, ['name', 'match', 'backend', 'cache'], ['enabled', 'rollout'])) return;
        knownBackend(route.backend, [...path, 'backend']);
        const cache = route.cache;
        if (cache !== 'pass' && object(cache, [...path, 'cache'], ['ttl', 'graceSeconds', 'key'])) {
          if (cache.ttl !== 'origin') integer(cache.ttl, [...path, 'cache', 'ttl'], 0);
          integer(cache.graceSeconds, [...path, 'cache', 'graceSeconds'], 0);
          if (object(cache.key, [...path, 'cache', 'key'], ['query', 'locale', 'device'])) {
            if (array(cache.key.query, [...path, 'cache', 'key', 'query'])) {
              const seen = new Set<unknown>();
              cache.key.query.forEach((q, j) => {
                string(q, [...path, 'cache', 'key', 'query', j]);
                if (seen.has(q)) fail([...path, 'cache', 'key', 'query', j], `${JSON.stringify(q)} is listed twice`);
                seen.add(q);
              });
            }
            for (const flag of ['locale', 'device']) {
              if (typeof cache.key[flag] !== 'boolean') fail([...path, 'cache', 'key', flag], 'must be true or false');
            }
          }
        }
        if (route.rollout !== undefined && object(route.rollout, [...path, 'rollout'], ['backend', 'query', 'cookie', 'percent'])) {
          const rollout = route.rollout;
          knownBackend(rollout.backend, [...path, 'rollout', 'backend']);
          if (rollout.backend === route.backend) fail([...path, 'rollout', 'backend'], 'must differ from the route backend');
          string(rollout.query, [...path, 'rollout', 'query']);
          string(rollout.cookie, [...path, 'rollout', 'cookie'], /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/, 'a cookie name');
          integer(rollout.percent, [...path, 'rollout', 'percent'], 0, 100);
        }
      }
      match(route.match, [...path, 'match']);
      if (route.enabled !== undefined && typeof route.enabled !== 'boolean') fail([...path, 'enabled'], 'must be true or false');
    });
  }

  if (object(rules.headers, ['headers'], ['request', 'response'])) {
    for (const side of ['request', 'response'] as const) {
      if (!array(rules.headers[side], ['headers', side])) continue;
      (rules.headers[side] as unknown[]).forEach((rewrite, i) => {
        const path = ['headers', side, i];
        if (!isObject(rewrite)) return fail(path, 'must be an object');
        if ('set' in rewrite) {
          if (!object(rewrite, path, ['set', 'value'], ['routes'])) return;
          string(rewrite.set, [...path, 'set'], HEADER_NAME, 'a header name');
          if (typeof rewrite.value !== 'string' || /[\r\n\0]/.test(rewrite.value)) fail([...path, 'value'], 'must be a string without CR, LF or NUL');
        } else {
          if (!object(rewrite, path, ['remove'], ['routes'])) return;
          string(rewrite.remove, [...path, 'remove'], HEADER_NAME, 'a header name');
        }
        if (rewrite.routes !== undefined && array(rewrite.routes, [...path, 'routes'])) {
          (rewrite.routes as unknown[]).forEach((name, j) => {
            if (!routeNames.has(name as string)) fail([...path, 'routes', j], `${JSON.stringify(name)} is not a route name`);
          });
        }
      });
    }
  }

  if (array(rules.rateLimits, ['rateLimits'])) {
    names(rules.rateLimits, ['rateLimits']);
    rules.rateLimits.forEach((limit, i) => {
      const path = ['rateLimits', i];
      if (!object(limit, path, ['name', 'match', 'perClient'])) return;
      match(limit.match, [...path, 'match']);
      if (object(limit.perClient, [...path, 'perClient'], ['requests', 'windowSeconds'])) {
        integer(limit.perClient.requests, [...path, 'perClient', 'requests'], 1);
        integer(limit.perClient.windowSeconds, [...path, 'perClient', 'windowSeconds'], 1, 86_400);
      }
    });
  }

  if (object(rules.limits, ['limits'], ['maxHeaderBytes', 'maxUrlBytes', 'maxBodyBytes'])) {
    integer(rules.limits.maxHeaderBytes, ['limits', 'maxHeaderBytes'], 1024, 1 << 20);
    integer(rules.limits.maxUrlBytes, ['limits', 'maxUrlBytes'], 64, 1 << 20);
    integer(rules.limits.maxBodyBytes, ['limits', 'maxBodyBytes'], 0);
  }

  if (rules.trustedProxies !== undefined && array(rules.trustedProxies, ['trustedProxies'])) {
    rules.trustedProxies.forEach((entry, i) => {
      if (!string(entry, ['trustedProxies', i])) return;
      const problem = trustedProxyProblem(entry);
      if (problem) fail(['trustedProxies', i], problem);
    });
  }
  return problems;
}

