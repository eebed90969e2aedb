import { IORedisInstrumentation } from '@opentelemetry/instrumentation-ioredis';

/** What the module hooks rewrite: the Redis client. */
export const INSTRUMENTED_MODULES = ['ioredis'];

/**
 * The instrumentations every service uses. Servers start their own request spans
 * (@hatago/platform/tracing's server-span.ts: an unsampled request then costs almost
 * nothing); SQL and object storage are traced by their own adapters (packages/db,
 * packages/storage), so PGlite and PostgreSQL, local files and S3 each give spans of one
 * shape. Redis commands outside a request (pub/sub, background refreshes) would each start
 * a trace of their own, so they are only traced inside one.
 */
export function hatagoInstrumentations() {
  return [new IORedisInstrumentation({ requireParentSpan: true })];
}
