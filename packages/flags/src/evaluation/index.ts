/**
 * Flag evaluation alone, without the store or OpenFeature: what the edge imports, so its
 * bundle carries no database driver.
 */
export type { FlagDefinition, FlagEnvironmentRule } from '../definition/flag-definition.ts';
export { evaluateFlag, needsVisitorId, type FlagContext } from './evaluate-flag.ts';
export { flagsOn } from './flags-on.ts';
export { EDGE_FLAGS_HEADER, PREVIEW_HEADER, PREVIEW_QUERY, VISITOR_COOKIE, isVisitorId, previewValues } from './flag-request.ts';
