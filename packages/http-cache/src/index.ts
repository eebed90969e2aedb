export { EdgeCache, type EdgeCacheOptions } from './edge-cache.ts';
export * from './edge-exchange.ts';
export { HTTP_DATE_PATTERN } from './http-date.ts';
export type { PurgeCommand } from './purge-routes.ts';
export { HIT_FOR_PASS_SECONDS } from './request-collapsing.ts';
export { edgeView, TARGETED_FIELD_PATTERN, TARGETED_FIELDS } from './targeted-cache-control.ts';
export { isSafeMethod, SAFE_METHODS } from './safe-methods.ts';
