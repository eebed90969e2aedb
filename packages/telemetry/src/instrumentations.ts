import type { IncomingMessage } from 'node:http';
import { HttpInstrumentation } from '@opentelemetry/instrumentation-http';
import { IORedisInstrumentation } from '@opentelemetry/instrumentation-ioredis';

/** What the module hooks rewrite: the HTTP server and client, and the Redis client. */
export const INSTRUMENTED_MODULES = ['http', 'node:http', 'ioredis'];

// balancers and scrapers call these every few seconds; a trace each would bury the real ones
const UNTRACED_PATHS = new Set(['/healthz', '/readyz', '/metrics', '/health']);

/**
 * The instrumentations every service uses. SQL and object storage are traced by their own
 * adapters (packages/db, packages/storage), so PGlite and PostgreSQL, local files and S3 each
 * give spans of one shape. Redis commands outside a request (pub/sub, background refreshes)
 * would each start a trace of their own, so they are only traced inside one.
 */
export function hatagoInstrumentations() {
  return [
    new HttpInstrumentation({
      ignoreIncomingRequestHook: (req: IncomingMessage) => UNTRACED_PATHS.has((req.url ?? '/').split('?')[0]!),
      requireParentforOutgoingSpans: true,
    }),
    new IORedisInstrumentation({ requireParentSpan: true }),
  ];
}
