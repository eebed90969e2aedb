export { DEFAULT_ENVIRONMENT, FLAG_KEY_MAX_LENGTH, FLAG_KEY_PATTERN, type FlagDefinition, type FlagEnvironmentRule } from './definition/flag-definition.ts';
export { evaluateFlag, needsVisitorId, type FlagContext, type FlagEvaluation, type FlagReason } from './evaluation/evaluate-flag.ts';
export { flagsOn } from './evaluation/flags-on.ts';
export { EDGE_FLAGS_HEADER, PREVIEW_HEADER, PREVIEW_QUERY, VISITOR_COOKIE, edgeFlagsOf, isVisitorId, previewValues } from './evaluation/flag-request.ts';
export { BUCKETS, visitorBucket } from './evaluation/visitor-bucket.ts';
export { createFlagsClient, type FlagsClient } from './openfeature/flags-client.ts';
export { HatagoFlagProvider, type FlagDefinitionSource, type HatagoEvaluationContext } from './openfeature/hatago-provider.ts';
export { FlagChanges, FLAGS_NAMESPACE, type FlagChanged } from './flag-changes.ts';
export { FlagsErrors } from './flags-errors.ts';
export type { FlagsTables } from './flags-tables.ts';
export { LiveFlags, type LiveFlagsOptions } from './live/live-flags.ts';
export { flagsMigrations } from './migrations/index.ts';
export { checkFlagDefinition, requireValidFlag, ENVIRONMENT_PATTERN, MAX_PREVIEW_VALUES, PREVIEW_VALUE_PATTERN, type FlagCheck } from './store/check-flag.ts';
export { diffFlags, type FlagDiffEntry } from './store/flag-diff.ts';
export {
  createFlag,
  deleteFlag,
  FLAG_AUDIT_TARGET,
  findFlag,
  getFlag,
  listFlags,
  setEnvironmentEnabled,
  updateFlag,
  type FlagAction,
  type FlagsContext,
  type StoredFlag,
} from './store/flag-store.ts';
export { daysOverdue, isOverdue } from './expiry/overdue.ts';
export { FLAGS_CHANNEL, flagOverdue, flagsNotices } from './expiry/flag-overdue-notice.ts';
export { remindOverdueFlags, startFlagReminders } from './expiry/remind-overdue-flags.ts';
