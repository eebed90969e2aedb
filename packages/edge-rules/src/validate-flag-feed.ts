import type { Obj, RuleChecker } from './rule-checker.ts';
import { knownBackend } from './validate-backends.ts';

// as packages/flags' FLAG_KEY_PATTERN: the rules import nothing but themselves (config/edge.ts is plain data)
export const FLAG_KEY = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/;
const MAX_FLAG_INTERVAL_MS = 1000;

/** `flags`: the feed's backend, path and interval, short enough for a change to reach the edge within two seconds. */
export function checkFlagFeed(c: RuleChecker, rules: Obj, backendNames: string[]): void {
  if (rules.flags === undefined) return;
  const path = ['flags'];
  if (!c.object(rules.flags, path, ['backend', 'path', 'intervalMs'])) return;
  knownBackend(c, backendNames, rules.flags.backend, [...path, 'backend']);
  c.string(rules.flags.path, [...path, 'path'], /^\/[^?#\s]*$/, 'a path starting with / (no query)');
  c.integer(rules.flags.intervalMs, [...path, 'intervalMs'], 100, MAX_FLAG_INTERVAL_MS);
}
