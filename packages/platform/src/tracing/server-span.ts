import type { IncomingHttpHeaders } from 'node:http';
import { redactUrl } from '../logging/logger.ts';
import { type Context, context, INVALID_TRACEID, isSpanContextValid, propagation, ROOT_CONTEXT, SpanKind, SpanStatusCode, trace, type Span } from '@opentelemetry/api';

const TRACER = '@hatago/http';
// W3C Trace Context §3.2 (version 00 layout); read without the SDK, so an untraced process still names the trace in its logs
const TRACEPARENT = /^[0-9a-f]{2}-([0-9a-f]{32})-[0-9a-f]{16}-[0-9a-f]{2}$/;
const NO_TRACE = '0'.repeat(32);

/**
 * The span of one request a server answers, started by the server itself rather than by
 * the HTTP instrumentation. The instrumentation binds the request and response emitters
 * and computes a dozen attributes for every request, sampled or not (measured: a quarter
 * of the edge's cache hits, issues 13 and 17); here an unsampled request pays one sampling
 * decision and enters no context. A sampled one runs its work under `context` and is
 * described when it ends.
 */
export interface ServerSpan {
  readonly span: Span;
  /** The span as the active context, only when it is recorded: the work under it then hangs its spans there. */
  readonly context: Context | undefined;
  /** The trace the request belongs to: the span's, else the caller's traceparent, so logs and error pages can name it either way. */
  readonly traceId: string | undefined;
}

export function startServerSpan(name: string, method: string, target: string, headers: IncomingHttpHeaders): ServerSpan {
  const incoming = headers.traceparent;
  const parent = incoming === undefined ? ROOT_CONTEXT : propagation.extract(ROOT_CONTEXT, headers);
  const span = trace.getTracer(TRACER).startSpan(name, { kind: SpanKind.SERVER }, parent);
  const spanContext = span.spanContext();
  // no tracer provider and no traceparent gives the invalid context: compared first, it spares the hex checks on every untraced request
  const traceId = spanContext.traceId !== INVALID_TRACEID && isSpanContextValid(spanContext) ? spanContext.traceId : traceIdFromHeader(incoming);
  if (!span.isRecording()) return { span, context: undefined, traceId };
  const query = target.indexOf('?');
  span.setAttributes({
    'http.request.method': method,
    'url.path': query === -1 ? target : target.slice(0, query),
    // guests look reservations up with `?email=`: the address reaches no trace storage, as it reaches no log line
    ...(query === -1 ? {} : { 'url.query': redactUrl(target.slice(query))!.slice(1) }),
  });
  return { span, context: trace.setSpan(parent, span), traceId };
}

/** Names a recorded span by the route it matched: raw URLs would make every name unique. */
export function nameServerSpan(server: ServerSpan, name: string, attributes: Record<string, string>): void {
  if (!server.context) return;
  server.span.updateName(name);
  server.span.setAttributes(attributes);
}

/** Ends the span with the status sent (an unfinished response is an aborted request); 5xx marks it failed. */
export function endServerSpan(server: ServerSpan, status: number, finished: boolean): void {
  if (server.context) {
    if (!finished) server.span.setStatus({ code: SpanStatusCode.ERROR, message: 'the client went away before the response ended' });
    else {
      server.span.setAttribute('http.response.status_code', status);
      if (status >= 500) server.span.setStatus({ code: SpanStatusCode.ERROR });
    }
  }
  server.span.end();
}

/** Runs `run` as part of the request's trace (under its span when recorded). */
export function withServerSpan<R>(server: ServerSpan, run: () => R): R {
  return server.context ? context.with(server.context, run) : run();
}

function traceIdFromHeader(header: string | string[] | undefined): string | undefined {
  const traceId = typeof header === 'string' ? TRACEPARENT.exec(header)?.[1] : undefined;
  return traceId && traceId !== NO_TRACE ? traceId : undefined;
}
