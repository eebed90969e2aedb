export { DEFAULT_ENVIRONMENT, FLAG_KEY_MAX_LENGTH, FLAG_KEY_PATTERN, type FlagDefinition, type FlagEnvironmentRule } from './definition/flag-definition.ts';
export { evaluateFlag, needsVisitorId, type FlagContext, type FlagEvaluation, type FlagReason } from './evaluation/evaluate-flag.ts';
export { flagsOn } from './evaluation/flags-on.ts';
export { EDGE_FLAGS_HEADER, PREVIEW_HEADER, PREVIEW_QUERY, VISITOR_COOKIE, edgeFlagsOf, isVisitorId, previewValues } from './evaluation/flag-request.ts';
export { BUCKETS, visitorBucket } from './evaluation/visitor-bucket.ts';
export { createFlagsClient, type FlagsClient } from './openfeature/flags-client.ts';
export { HatagoFlagProvider, type FlagDefinitionSource, type HatagoEvaluationContext } from './openfeature/hatago-provider.ts';
