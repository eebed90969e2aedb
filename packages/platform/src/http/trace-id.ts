import type { IncomingMessage } from 'node:http';
import { activeTraceId } from '../tracing/spans.ts';

const TRACEPARENT = /^[0-9a-f]{2}-([0-9a-f]{32})-[0-9a-f]{16}-[0-9a-f]{2}$/;

/**
 * The trace a request belongs to: the active span's when this process traces, else the one
 * the edge stated in `traceparent` (it always sends one), so support can quote it either way.
 */
export function traceIdOf(req: IncomingMessage): string | undefined {
  const active = activeTraceId();
  if (active) return active;
  const header = req.headers.traceparent;
  const traceId = typeof header === 'string' ? TRACEPARENT.exec(header)?.[1] : undefined;
  return traceId && traceId !== '0'.repeat(32) ? traceId : undefined;
}
