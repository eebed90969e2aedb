import { AsyncLocalStorage } from 'node:async_hooks';
import { isSpanContextValid, trace } from '@opentelemetry/api';

/** The ids a request's log lines carry; the trace id even when this process does not record the trace. */
export interface RequestIds {
  reqId: string;
  traceId?: string | undefined;
}

const requestIds = new AsyncLocalStorage<RequestIds>();

/**
 * Runs the rest of a request with its ids in scope, so lines that code deeper down logs on
 * a logger of its own (a cache, a domain module) still carry the request's ids.
 */
export const runWithRequestIds = (ids: RequestIds, next: () => void) => requestIds.run(ids, next);

/** The ids pino adds to each line: the request's, and the trace and span active when the line is logged. */
export function logContext(): Record<string, string> {
  const ids: Record<string, string> = {};
  const scope = requestIds.getStore();
  if (scope !== undefined) ids.reqId = scope.reqId;
  const spanContext = trace.getActiveSpan()?.spanContext();
  if (spanContext && isSpanContextValid(spanContext)) {
    ids.traceId = spanContext.traceId;
    ids.spanId = spanContext.spanId;
  } else if (scope?.traceId !== undefined) {
    ids.traceId = scope.traceId;
  }
  return ids;
}
