import type { Context } from '@opentelemetry/api';
import type { ReadableSpan, Span, SpanProcessor } from '@opentelemetry/sdk-trace-node';
import { redactUrl } from '@hatago/platform/logging';

// where the HTTP instrumentation puts the URL, in the old and the stable semantic conventions
const URL_ATTRIBUTES = ['http.target', 'http.url', 'url.full', 'url.query'];

/**
 * Guests look reservations up with `?email=`: the address must reach no trace storage, as
 * it reaches no log line. Runs first, while the span can still be changed.
 */
export class RedactingSpanProcessor implements SpanProcessor {
  onStart(span: Span, _parent: Context): void {
    for (const key of URL_ATTRIBUTES) {
      const value = span.attributes[key];
      if (typeof value === 'string') span.setAttribute(key, key === 'url.query' ? redactUrl(`?${value}`)!.slice(1) : redactUrl(value)!);
    }
  }
  onEnd(_span: ReadableSpan): void {}
  forceFlush() {
    return Promise.resolve();
  }
  shutdown() {
    return Promise.resolve();
  }
}
