import { context, isSpanContextValid, propagation, SpanKind, SpanStatusCode, trace, type Attributes, type Span } from '@opentelemetry/api';
import { maskPersonalData } from '../logging/personal-data.ts';

export { SpanKind, SpanStatusCode };

/** The trace id of the active span, when this process traces. */
export function activeTraceId(): string | undefined {
  const spanContext = trace.getActiveSpan()?.spanContext();
  return spanContext && isSpanContextValid(spanContext) ? spanContext.traceId : undefined;
}

export interface SpanOptions {
  kind?: SpanKind;
  attributes?: Attributes;
}

function endWith<R>(span: Span, run: (span: Span) => Promise<R>): Promise<R> {
  return run(span)
    .catch((error: unknown) => {
      // provider and database errors quote addresses: a trace is stored like a log
      span.setStatus({ code: SpanStatusCode.ERROR, message: maskPersonalData(error instanceof Error ? error.message : String(error)) });
      throw error;
    })
    .finally(() => span.end());
}

/**
 * Runs `run` under a child span of the active one, ended when it settles and marked failed
 * when it throws. Outside a recorded trace it runs bare (span undefined): background work
 * (polling, refreshes) must not start traces of its own, and an untraced process pays nothing.
 */
export function childSpan<R>(scope: string, name: string, options: SpanOptions, run: (span: Span | undefined) => Promise<R>): Promise<R> {
  if (!trace.getActiveSpan()?.isRecording()) return run(undefined);
  return trace.getTracer(scope).startActiveSpan(name, { kind: options.kind ?? SpanKind.INTERNAL, ...(options.attributes ? { attributes: options.attributes } : {}) }, (span) =>
    endWith(span, run),
  );
}

/** The active trace context as W3C headers (traceparent, tracestate) in one string, to store beside work done later; null outside a trace. */
export function traceContextToStore(): string | null {
  const carrier: Record<string, string> = {};
  propagation.inject(context.active(), carrier);
  return carrier.traceparent ? JSON.stringify(carrier) : null;
}

/**
 * Runs later work as part of the trace it was queued in (the outbox row's stored context):
 * a span whose parent is the stored one. Without stored context it runs bare.
 */
export function continueTrace<R>(stored: string | null, scope: string, name: string, options: SpanOptions, run: (span: Span | undefined) => Promise<R>): Promise<R> {
  let carrier: Record<string, string> | undefined;
  try {
    carrier = stored ? (JSON.parse(stored) as Record<string, string>) : undefined;
  } catch {
    carrier = undefined;
  }
  if (!carrier) return run(undefined);
  const parent = propagation.extract(context.active(), carrier);
  if (!trace.getSpanContext(parent)) return run(undefined);
  return context.with(parent, () => trace.getTracer(scope).startActiveSpan(name, { kind: options.kind ?? SpanKind.CONSUMER, ...(options.attributes ? { attributes: options.attributes } : {}) }, (span) => endWith(span, run)));
}
