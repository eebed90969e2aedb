import type { RolloutRule } from '@hatago/edge-rules';
import type { FlagDecision, FlagSnapshot } from '../flags/flag-snapshot.ts';
import type { RequestView } from './request-view.ts';

// long enough to keep a tester on the canary through a release, short enough to forget it afterwards
const STICKY_SECONDS = 7 * 24 * 3600;

export interface RolloutDecision {
  backend: string;
  /** Set-Cookie for a first assignment (or an explicit opt-in/out), absent when nothing changes. */
  setCookie?: string;
}

/**
 * Chooses stable or canary for one request: an explicit `?canary=1|0` wins and is
 * remembered, then the sticky cookie, then a percentage draw (remembered too). With
 * percent 0 and no opt-in nothing is set, so cacheable pages stay free of Set-Cookie.
 */
export function decideRollout(rule: RolloutRule, stable: string, view: RequestView, draw: () => number = Math.random): RolloutDecision {
  const choice = (canary: boolean, remember: boolean): RolloutDecision => {
    const backend = canary ? rule.backend : stable;
    if (!remember) return { backend };
    return { backend, setCookie: `${rule.cookie}=${canary ? 1 : 0}; Path=/; Max-Age=${STICKY_SECONDS}; SameSite=Lax; HttpOnly` };
  };
  const asked = view.param(rule.query);
  if (asked === '1' || asked === '0') return choice(asked === '1', view.cookie(rule.cookie) !== asked);
  const remembered = view.cookie(rule.cookie);
  if (remembered === '1' || remembered === '0') return choice(remembered === '1', false);
  if (rule.percent <= 0) return { backend: stable };
  return choice(draw() * 100 < rule.percent, true);
}

/**
 * The canary by the rule's flag, when the feed knows the flag: exactly the visitors it is on
 * for, nobody once it is off (the kill switch takes everyone back, whatever their canary
 * cookie says). Undefined when the rule names no flag or the feed does not know it: the
 * rule's own draw decides. No cookie of its own: the visitor cookie is the stickiness.
 */
export function decideRolloutByFlag(rule: RolloutRule, stable: string, snapshot: FlagSnapshot | undefined, flags: FlagDecision | undefined): RolloutDecision | undefined {
  if (rule.flag === undefined || flags === undefined || !snapshot?.byKey.has(rule.flag)) return undefined;
  return { backend: flags.on.includes(rule.flag) ? rule.backend : stable };
}
