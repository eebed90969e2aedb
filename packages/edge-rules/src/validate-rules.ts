import { TOKEN, isObject, type Obj, RuleChecker, type RuleProblem } from './rule-checker.ts';
import { trustedProxyProblem } from './trusted-proxies.ts';
import { checkBackends } from './validate-backends.ts';
import { checkFlagFeed } from './validate-flag-feed.ts';
import { checkRoutes } from './validate-routes.ts';

export type { RuleProblem } from './rule-checker.ts';

export const formatRulePath = (path: Array<string | number>) =>
  path.map((part, i) => (typeof part === 'number' ? `[${part}]` : i === 0 ? part : `.${part}`)).join('');

/**
 * Checks a rules value by hand rather than with a generic schema: a reviewer should read
 * "routes[3].backend: 'gest' is not a declared backend (guest, facility, …)", not
 * "Expected union value". Unknown keys are refused, so a typo never silently does nothing.
 */
export function validateEdgeRules(value: unknown): RuleProblem[] {
  const c = new RuleChecker();
  if (!c.object(value, [], ['backends', 'redirects', 'routes', 'headers', 'rateLimits', 'limits'], ['trustedProxies', 'flags'])) return c.problems;
  const rules = value;
  const backendNames = checkBackends(c, rules);
  checkRedirects(c, rules);
  const routeNames = checkRoutes(c, rules, backendNames);
  checkFlagFeed(c, rules, backendNames);
  checkHeaderRewrites(c, rules, routeNames);
  checkRateLimits(c, rules);
  if (c.object(rules.limits, ['limits'], ['maxHeaderBytes', 'maxUrlBytes', 'maxBodyBytes'])) {
    c.integer(rules.limits.maxHeaderBytes, ['limits', 'maxHeaderBytes'], 1024, 1 << 20);
    c.integer(rules.limits.maxUrlBytes, ['limits', 'maxUrlBytes'], 64, 1 << 20);
    c.integer(rules.limits.maxBodyBytes, ['limits', 'maxBodyBytes'], 0);
  }
  if (rules.trustedProxies !== undefined && c.array(rules.trustedProxies, ['trustedProxies'])) {
    rules.trustedProxies.forEach((entry, i) => {
      if (!c.string(entry, ['trustedProxies', i])) return;
      const problem = trustedProxyProblem(entry);
      if (problem) c.fail(['trustedProxies', i], problem);
    });
  }
  return c.problems;
}

function checkRedirects(c: RuleChecker, rules: Obj): void {
  if (!c.array(rules.redirects, ['redirects'])) return;
  c.names(rules.redirects, ['redirects']);
  rules.redirects.forEach((redirect, i) => {
    const path = ['redirects', i];
    if (!c.object(redirect, path, ['name', 'match', 'location', 'status', 'keepQuery'])) return;
    const groups = c.match(redirect.match, [...path, 'match']);
    if (c.string(redirect.location, [...path, 'location'], /^(\/|https?:\/\/)[^\s]*$/, 'a path starting with / or an http(s) URL')) {
      for (const ref of (redirect.location as string).matchAll(/\$(\d)/g)) {
        if (Number(ref[1]) > groups) c.fail([...path, 'location'], `uses $${ref[1]} but match.pathPattern has ${groups} group(s)`);
      }
    }
    if (![301, 302, 303, 307, 308].includes(redirect.status as number)) c.fail([...path, 'status'], 'must be 301, 302, 303, 307 or 308');
    if (typeof redirect.keepQuery !== 'boolean') c.fail([...path, 'keepQuery'], 'must be true or false');
  });
}

function checkHeaderRewrites(c: RuleChecker, rules: Obj, routeNames: Set<string>): void {
  if (!c.object(rules.headers, ['headers'], ['request', 'response'])) return;
  for (const side of ['request', 'response'] as const) {
    if (!c.array(rules.headers[side], ['headers', side])) continue;
    (rules.headers[side] as unknown[]).forEach((rewrite, i) => {
      const path = ['headers', side, i];
      if (!isObject(rewrite)) return c.fail(path, 'must be an object');
      if ('set' in rewrite) {
        if (!c.object(rewrite, path, ['set', 'value'], ['routes'])) return;
        c.string(rewrite.set, [...path, 'set'], TOKEN, 'a header name');
        if (typeof rewrite.value !== 'string' || /[\r\n\0]/.test(rewrite.value)) c.fail([...path, 'value'], 'must be a string without CR, LF or NUL');
      } else {
        if (!c.object(rewrite, path, ['remove'], ['routes'])) return;
        c.string(rewrite.remove, [...path, 'remove'], TOKEN, 'a header name');
      }
      if (rewrite.routes !== undefined && c.array(rewrite.routes, [...path, 'routes'])) {
        (rewrite.routes as unknown[]).forEach((name, j) => {
          if (!routeNames.has(name as string)) c.fail([...path, 'routes', j], `${JSON.stringify(name)} is not a route name`);
        });
      }
    });
  }
}

function checkRateLimits(c: RuleChecker, rules: Obj): void {
  if (!c.array(rules.rateLimits, ['rateLimits'])) return;
  c.names(rules.rateLimits, ['rateLimits']);
  rules.rateLimits.forEach((limit, i) => {
    const path = ['rateLimits', i];
    if (!c.object(limit, path, ['name', 'match', 'perClient'])) return;
    c.match(limit.match, [...path, 'match']);
    if (c.object(limit.perClient, [...path, 'perClient'], ['requests', 'windowSeconds'])) {
      c.integer(limit.perClient.requests, [...path, 'perClient', 'requests'], 1);
      c.integer(limit.perClient.windowSeconds, [...path, 'perClient', 'windowSeconds'], 1, 86_400);
    }
  });
}
