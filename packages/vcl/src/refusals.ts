import { isSyntheticRoute, type EdgeRules, type MatchRule, type RouteRule } from '@hatago/edge-rules';
import { VclLiteralError } from './vcl-text.ts';

export type Refuse = (where: string, reason: string) => void;

export type Attempt = <T>(where: string, build: () => T) => T | undefined;

/** Collects the refusals of one compilation: `refuse` states one, `attempt` turns a literal VCL cannot write into one naming the rule. */
export function collectRefusals(): { problems: string[]; refuse: Refuse; attempt: Attempt } {
  const problems: string[] = [];
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
  return { problems, refuse, attempt };
}

/** The checks that need the whole rules before anything is written. */
export function checkRules(rules: EdgeRules, instances: Readonly<Record<string, readonly string[]>>, routes: RouteRule[], refuse: Refuse): void {
  for (const name of Object.keys(rules.backends)) {
    const list = instances[name];
    if (!list || list.length === 0) refuse(`backends.${name}`, 'no instances given for it (--instances)');
  }
  for (const name of Object.keys(instances)) {
    if (!(name in rules.backends)) refuse(`--instances.${name}`, 'is not a backend of the rules');
  }
  for (const route of routes) checkRoute(route, refuse);
  rules.redirects.forEach((redirect) => checkMatch(`redirects "${redirect.name}"`, redirect.match, refuse));
  rules.rateLimits.forEach((limit) => checkMatch(`rateLimits "${limit.name}"`, limit.match, refuse));
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
