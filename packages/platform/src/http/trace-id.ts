import type { IncomingMessage } from 'node:http';
import { isSpanContextValid, trace } from '@opentelemetry/api';

const TRACEPARENT = /^[0-9a-f]{2}-([0-9a-f]{32})-[0-9a-f]{16}-[0-9a-f]{2}$/;

/**
 * The trace a request belongs to: the active span's when this process traces, else the one
 * the edge stated in `traceparent` (it always sends one), so support can quote it either way.
 */
export function traceIdOf(req: IncomingMessage): string | undefined {
  const spanContext = trace.getActiveSpan()?.spanContext();
  if (spanContext && isSpanContextValid(spanContext)) return spanContext.traceId;
  const header = req.headers.traceparent;
  const traceId = typeof header === 'string' ? TRACEPARENT.exec(header)?.[1] : undefined;
  return traceId && traceId !== '0'.repeat(32) ? traceId : undefined;
}
