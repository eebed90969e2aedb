import { FORWARD_QUERIES, KEY_QUERIES } from './edge-rules.ts';
import { knownBackend } from './validate-backends.ts';
import { FLAG_KEY } from './validate-flag-feed.ts';
import { isObject, type Obj, type Path, type RuleChecker, TOKEN } from './rule-checker.ts';

/** `routes`: synthetic or proxied, each with its match; a proxied one with its backend, cache rule and rollout. Returns the route names. */
export function checkRoutes(c: RuleChecker, rules: Obj, backendNames: string[]): Set<string> {
  const routeNames = c.array(rules.routes, ['routes']) ? c.names(rules.routes as unknown[], ['routes']) : new Set<string>();
  if (!Array.isArray(rules.routes)) return routeNames;
  if (rules.routes.length === 0) c.fail(['routes'], 'must have at least one route');
  rules.routes.forEach((route, i) => {
    const path = ['routes', i];
    if (!isObject(route)) return c.fail(path, 'must be an object');
    if ('synthetic' in route) {
      if (!c.object(route, path, ['name', 'match', 'synthetic'], ['enabled'])) return;
      checkSynthetic(c, route.synthetic, [...path, 'synthetic']);
    } else {
      if (!c.object(route, path, ['name', 'match', 'backend', 'cache'], ['enabled', 'rollout', 'maxBodyBytes'])) return;
      knownBackend(c, backendNames, route.backend, [...path, 'backend']);
      if (route.maxBodyBytes !== undefined) c.integer(route.maxBodyBytes, [...path, 'maxBodyBytes'], 0);
      if (route.cache !== 'pass') checkCacheRule(c, route.cache, [...path, 'cache']);
      if (route.rollout !== undefined) checkRollout(c, backendNames, route, [...path, 'rollout'], rules.flags !== undefined);
    }
    c.match(route.match, [...path, 'match']);
    if (route.enabled !== undefined && typeof route.enabled !== 'boolean') c.fail([...path, 'enabled'], 'must be true or false');
  });
  return routeNames;
}

function checkSynthetic(c: RuleChecker, synthetic: unknown, path: Path): void {
  if (!c.object(synthetic, path, ['status', 'contentType', 'body'], ['retryAfterSeconds'])) return;
  c.integer(synthetic.status, [...path, 'status'], 200, 599);
  c.string(synthetic.contentType, [...path, 'contentType']);
  if (typeof synthetic.body !== 'string') c.fail([...path, 'body'], 'must be a string');
  if (synthetic.retryAfterSeconds !== undefined) c.integer(synthetic.retryAfterSeconds, [...path, 'retryAfterSeconds'], 0);
}

function checkCacheRule(c: RuleChecker, cache: unknown, path: Path): void {
  if (!c.object(cache, path, ['ttl', 'graceSeconds', 'key'], ['stripSetCookie'])) return;
  if (cache.ttl !== 'origin') c.integer(cache.ttl, [...path, 'ttl'], 0);
  if (cache.stripSetCookie !== undefined && typeof cache.stripSetCookie !== 'boolean') c.fail([...path, 'stripSetCookie'], 'must be true or false');
  c.integer(cache.graceSeconds, [...path, 'graceSeconds'], 0);
  if (!c.object(cache.key, [...path, 'key'], ['query', 'locale', 'device'], ['forwardQuery', 'imageFormat'])) return;
  const key = cache.key;
  if (key.forwardQuery !== undefined && !(FORWARD_QUERIES as unknown[]).includes(key.forwardQuery)) {
    c.fail([...path, 'key', 'forwardQuery'], `must be ${FORWARD_QUERIES.map((q) => `'${q}'`).join(' or ')}`);
  }
  if (typeof key.query === 'string') {
    if (!(KEY_QUERIES as readonly string[]).includes(key.query)) c.fail([...path, 'key', 'query'], `must be a list of parameter names, ${KEY_QUERIES.map((q) => `'${q}'`).join(' or ')}`);
  } else if (c.array(key.query, [...path, 'key', 'query'])) {
    const seen = new Set<unknown>();
    key.query.forEach((q, j) => {
      c.string(q, [...path, 'key', 'query', j]);
      if (seen.has(q)) c.fail([...path, 'key', 'query', j], `${JSON.stringify(q)} is listed twice`);
      seen.add(q);
    });
  }
  for (const flag of ['locale', 'device']) {
    if (typeof key[flag] !== 'boolean') c.fail([...path, 'key', flag], 'must be true or false');
  }
  if (key.imageFormat !== undefined && typeof key.imageFormat !== 'boolean') c.fail([...path, 'key', 'imageFormat'], 'must be true or false');
}

function checkRollout(c: RuleChecker, backendNames: string[], route: Obj, path: Path, flagFeed: boolean): void {
  if (!c.object(route.rollout, path, ['backend', 'query', 'cookie', 'percent'], ['flag'])) return;
  const rollout = route.rollout;
  knownBackend(c, backendNames, rollout.backend, [...path, 'backend']);
  if (rollout.backend === route.backend) c.fail([...path, 'backend'], 'must differ from the route backend');
  c.string(rollout.query, [...path, 'query']);
  c.string(rollout.cookie, [...path, 'cookie'], TOKEN, 'a cookie name');
  c.integer(rollout.percent, [...path, 'percent'], 0, 100);
  if (rollout.flag !== undefined && c.string(rollout.flag, [...path, 'flag'], FLAG_KEY, 'a flag key (kebab-case)') && !flagFeed) {
    c.fail([...path, 'flag'], 'needs the flag feed (top-level flags) to be read');
  }
}
