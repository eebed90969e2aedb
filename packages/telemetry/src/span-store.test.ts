import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { ROOT_CONTEXT, SpanStatusCode, trace, type Span } from '@opentelemetry/api';
import { BasicTracerProvider } from '@opentelemetry/sdk-trace-node';
import { SpanStore, type SpanStoreLimits } from './span-store.ts';

const HOUR = 60 * 60 * 1000;

/** A store fed by a real SDK tracer, with spans of chosen times: a root of `ms` and one child, maybe failed. */
function storeWith(limits: Partial<SpanStoreLimits>, now = () => Date.now()) {
  const store = new SpanStore(limits, now);
  const tracer = new BasicTracerProvider({ spanProcessors: [store.processor] }).getTracer('test');
  const request = (name: string, ms: number, options: { failed?: boolean; at?: number; children?: number } = {}) => {
    const start = options.at ?? now();
    const root = tracer.startSpan(name, { startTime: start }, ROOT_CONTEXT);
    const parent = trace.setSpan(ROOT_CONTEXT, root);
    for (let i = 0; i < (options.children ?? 1); i++) {
      const child: Span = tracer.startSpan(`SELECT hotels ${i}`, { startTime: start + 1, attributes: { 'db.query.text': 'select * from hotels where id = $1' } }, parent);
      if (options.failed) child.setStatus({ code: SpanStatusCode.ERROR, message: 'boom' });
      child.end(start + ms - 1);
    }
    root.end(start + ms);
    return root.spanContext().traceId;
  };
  return { store, tracer, request };
}

describe('span store', () => {
  test('keeps the slowest traces and every failed one, each with its spans', () => {
    const { store, request } = storeWith({ slowest: 3, failed: 2 });
    for (const ms of [5, 50, 10, 40, 30, 1]) request(`GET /${ms}`, ms);
    const failedId = request('GET /broken', 2, { failed: true });
    const kept = store.list();
    assert.deepEqual(kept.filter((t) => !t.failed).map((t) => t.name), ['GET /50', 'GET /40', 'GET /30']);
    const failed = store.get(failedId)!;
    assert.equal(failed.failed, true);
    assert.deepEqual(failed.spans.map((s) => s.name).sort(), ['GET /broken', 'SELECT hotels 0']);
    assert.equal(failed.spans.find((s) => s.name === 'SELECT hotels 0')!.error, 'boom');
    assert.equal(failed.spans.find((s) => s.name === 'SELECT hotels 0')!.attributes['db.query.text'], 'select * from hotels where id = $1');
  });

  test('memory stays bounded under any traffic: kept traces, spans per trace, unfinished traces', () => {
    const { store, tracer, request } = storeWith({ slowest: 5, failed: 5, spansPerTrace: 10, inFlight: 20 });
    for (let i = 0; i < 2000; i++) request(`GET /${i}`, (i * 7919) % 1000, { failed: i % 3 === 0, children: 50 });
    // roots that never end (a hung request) must not grow the store either
    for (let i = 0; i < 500; i++) tracer.startSpan(`SELECT ${i}`, {}, trace.setSpan(ROOT_CONTEXT, tracer.startSpan('hung', {}, ROOT_CONTEXT))).end();
    assert.equal(store.list().length, 10);
    assert.ok(store.list().every((t) => t.spans.length <= 10));
    assert.ok(store.spanCount <= 10 * 10 + 20 * 10, `held ${store.spanCount} spans`);
  });

  test('forgets traces older than an hour', () => {
    let now = Date.now();
    const { store, request } = storeWith({}, () => now);
    const old = request('GET /old', 100, { failed: true });
    now += HOUR + 1;
    const fresh = request('GET /fresh', 10);
    assert.equal(store.get(old), undefined);
    assert.deepEqual(store.list().map((t) => t.traceId), [fresh]);
  });

  test('work continued later in the same trace (a mail sent after the answer) joins the kept entry', () => {
    const { store, tracer, request } = storeWith({ slowest: 1 });
    const traceId = request('edge api-reservations', 80);
    const remoteParent = trace.setSpanContext(ROOT_CONTEXT, { traceId, spanId: 'aaaaaaaaaaaaaaaa', traceFlags: 1, isRemote: true });
    const later = store.get(traceId)!.startMs + 500;
    tracer.startSpan('mail deliver booking-confirmation', { startTime: later }, remoteParent).end(later + 20);
    const joined = store.get(traceId)!;
    assert.deepEqual(joined.spans.map((s) => s.name).sort(), ['SELECT hotels 0', 'edge api-reservations', 'mail deliver booking-confirmation']);
    assert.equal(joined.name, 'edge api-reservations');
    assert.equal(Math.round(joined.durationMs), 520);
  });
});
