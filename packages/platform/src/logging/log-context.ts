import { AsyncLocalStorage } from 'node:async_hooks';
import { isSpanContextValid, trace } from '@opentelemetry/api';

const requestIds = new AsyncLocalStorage<string>();

/**
 * Runs the rest of a request with its id in scope, so lines that code deeper down logs on
 * a logger of its own (a cache, a domain module) still carry the request's id.
 */
export const runWithRequestId = (requestId: string, next: () => void) => requestIds.run(requestId, next);

/** The ids pino adds to each line: the request's, and the trace and span active when the line is logged. */
export function logContext(): Record<string, string> {
  const ids: Record<string, string> = {};
  const requestId = requestIds.getStore();
  if (requestId !== undefined) ids.reqId = requestId;
  const spanContext = trace.getActiveSpan()?.spanContext();
  if (spanContext && isSpanContextValid(spanContext)) {
    ids.traceId = spanContext.traceId;
    ids.spanId = spanContext.spanId;
  }
  return ids;
}
