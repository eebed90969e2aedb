import type { FlagDefinition } from '../definition/flag-definition.ts';
import { BUCKETS, visitorBucket } from './visitor-bucket.ts';

export interface FlagContext {
  environment: string;
  /** The visitor cookie's id; absent for a first request, which then only gets 0 % or 100 %. */
  visitorId?: string | undefined;
  previews?: readonly string[];
}

/** Why a flag came out as it did, in OpenFeature's reason vocabulary. */
export type FlagReason = 'DISABLED' | 'TARGETING_MATCH' | 'SPLIT' | 'STATIC' | 'DEFAULT';

export interface FlagEvaluation {
  value: boolean;
  reason: FlagReason;
}

/** A flag that is not defined, or not for this environment, is off: new code ships dark. */
export function evaluateFlag(flag: FlagDefinition | undefined, context: FlagContext): FlagEvaluation {
  const rule = flag?.environments[context.environment];
  if (!flag || !rule) return { value: false, reason: 'DEFAULT' };
  if (!rule.enabled) return { value: false, reason: 'DISABLED' };
  if (context.previews?.some((value) => rule.allow.includes(value))) return { value: true, reason: 'TARGETING_MATCH' };
  if (rule.percent >= 100) return { value: true, reason: 'STATIC' };
  if (rule.percent <= 0) return { value: false, reason: 'STATIC' };
  if (context.visitorId === undefined) return { value: false, reason: 'SPLIT' };
  return { value: visitorBucket(flag.key, context.visitorId) < Math.round(rule.percent * (BUCKETS / 100)), reason: 'SPLIT' };
}

/** Whether a first-time visitor needs an id for this flag to be sticky (a split between 0 and 100 %). */
export function needsVisitorId(flag: FlagDefinition, environment: string): boolean {
  const rule = flag.environments[environment];
  return rule !== undefined && rule.enabled && rule.percent > 0 && rule.percent < 100;
}
