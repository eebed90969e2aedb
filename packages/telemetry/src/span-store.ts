import { SpanStatusCode, type Context } from '@opentelemetry/api';
import type { ReadableSpan, Span, SpanProcessor } from '@opentelemetry/sdk-trace-node';

/** One span as the operator console draws it. */
export interface StoredSpan {
  spanId: string;
  parentSpanId: string | undefined;
  name: string;
  /** Epoch milliseconds. */
  startMs: number;
  durationMs: number;
  error: string | undefined;
  attributes: Record<string, string | number | boolean>;
}

export interface StoredTrace {
  traceId: string;
  /** The first local root's name: the edge's span for a request. */
  name: string;
  startMs: number;
  durationMs: number;
  failed: boolean;
  spans: StoredSpan[];
}

export interface SpanStoreLimits {
  /** How many of the slowest traces are kept. */
  slowest: number;
  /** How many of the latest failed traces are kept. */
  failed: number;
  /** Spans kept per trace; a longer trace is cut. */
  spansPerTrace: number;
  /** Traces whose root has not ended yet; past it the oldest is dropped. */
  inFlight: number;
  /** How long a trace is kept. */
  maxAgeMs: number;
}

const DEFAULT_LIMITS: SpanStoreLimits = { slowest: 50, failed: 50, spansPerTrace: 300, inFlight: 2000, maxAgeMs: 60 * 60 * 1000 };

const millis = ([seconds, nanos]: [number, number]) => seconds * 1000 + nanos / 1e6;
const isLocalRoot = (span: ReadableSpan) => !span.parentSpanContext || span.parentSpanContext.isRemote === true;

/**
 * The embedded mode's trace view without a collector: spans are gathered per trace while it
 * runs, and when its local root ends the trace is kept if it failed or is among the slowest
 * of the last hour. Every part is bounded, so memory stays flat whatever the traffic. A
 * trace continued later in this process (a mail sent after the booking answered) joins its
 * kept entry, or is judged alone.
 */
export class SpanStore {
  readonly processor: SpanProcessor;
  private readonly limits: SpanStoreLimits;
  private readonly inFlight = new Map<string, StoredSpan[]>();
  private readonly kept = new Map<string, StoredTrace>();

  constructor(limits: Partial<SpanStoreLimits> = {}, private readonly now: () => number = Date.now) {
    this.limits = { ...DEFAULT_LIMITS, ...limits };
    const store = this;
    this.processor = {
      onStart(_span: Span, _parent: Context) {},
      onEnd: (span) => store.record(span),
      forceFlush: () => Promise.resolve(),
      shutdown: () => Promise.resolve(),
    };
  }

  /** The kept traces, failed and slow, slowest first. */
  list(): StoredTrace[] {
    this.expire();
    return [...this.kept.values()].sort((a, b) => b.durationMs - a.durationMs);
  }

  get(traceId: string): StoredTrace | undefined {
    this.expire();
    return this.kept.get(traceId);
  }

  /** Spans held in memory, kept and in flight: what the bounds are about. */
  get spanCount(): number {
    let count = 0;
    for (const spans of this.inFlight.values()) count += spans.length;
    for (const stored of this.kept.values()) count += stored.spans.length;
    return count;
  }

  private record(span: ReadableSpan) {
    const traceId = span.spanContext().traceId;
    let spans = this.inFlight.get(traceId);
    if (!spans) {
      // a root that never ended must not stop the recording: the oldest unfinished trace goes
      if (this.inFlight.size >= this.limits.inFlight) this.inFlight.delete(this.inFlight.keys().next().value!);
      spans = [];
      this.inFlight.set(traceId, spans);
    }
    if (spans.length < this.limits.spansPerTrace) spans.push(stored(span));
    if (!isLocalRoot(span)) return;
    this.inFlight.delete(traceId);
    this.finish(traceId, span.name, spans);
  }

  private finish(traceId: string, name: string, spans: StoredSpan[]) {
    const earlier = this.kept.get(traceId);
    const all = earlier ? [...earlier.spans, ...spans].slice(0, this.limits.spansPerTrace) : spans;
    const startMs = Math.min(...all.map((s) => s.startMs));
    const candidate: StoredTrace = {
      traceId,
      name: earlier?.name ?? name,
      startMs,
      durationMs: Math.max(...all.map((s) => s.startMs + s.durationMs)) - startMs,
      failed: all.some((s) => s.error !== undefined),
      spans: all,
    };
    this.expire();
    if (earlier || this.worthKeeping(candidate)) {
      this.kept.set(traceId, candidate);
      this.trim();
    }
  }

  private worthKeeping(candidate: StoredTrace): boolean {
    if (candidate.failed) return true;
    const slow = [...this.kept.values()].filter((t) => !t.failed);
    return slow.length < this.limits.slowest || slow.some((t) => t.durationMs < candidate.durationMs);
  }

  /** Drops the fastest healthy traces and the oldest failed ones past their limits. */
  private trim() {
    const values = [...this.kept.values()];
    const slow = values.filter((t) => !t.failed).sort((a, b) => b.durationMs - a.durationMs);
    const failed = values.filter((t) => t.failed).sort((a, b) => b.startMs - a.startMs);
    for (const dropped of [...slow.slice(this.limits.slowest), ...failed.slice(this.limits.failed)]) this.kept.delete(dropped.traceId);
  }

  private expire() {
    const oldest = this.now() - this.limits.maxAgeMs;
    for (const [traceId, stored] of this.kept) if (stored.startMs < oldest) this.kept.delete(traceId);
  }
}

function stored(span: ReadableSpan): StoredSpan {
  const attributes: StoredSpan['attributes'] = {};
  for (const [key, value] of Object.entries(span.attributes)) {
    if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') attributes[key] = value;
  }
  return {
    spanId: span.spanContext().spanId,
    parentSpanId: span.parentSpanContext?.spanId,
    name: span.name,
    startMs: millis(span.startTime),
    durationMs: millis(span.duration),
    error: span.status.code === SpanStatusCode.ERROR ? (span.status.message ?? 'error') : undefined,
    attributes,
  };
}
