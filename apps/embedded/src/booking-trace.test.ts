// the module hooks first, as `npm start` loads them with --import
import '@hatago/telemetry/register';
import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { SpanKind } from '@opentelemetry/api';
import { InMemorySpanExporter, type ReadableSpan, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-node';
import { SpanStore, startTelemetry, type Telemetry } from '@hatago/telemetry';
import { futureDate } from '@hatago/test-support';
import type { EmbeddedPlatform } from './embedded-platform.ts';

const GUEST = { name: '山田 太郎', email: 'taro.yamada@example.com', phone: '090-1234-5678' };
const CLIENT_TRACE = '4bf92f3577b34da6a3ce929d0e0e4736';

/**
 * One booking is one trace, in embedded mode with the SDK's in-memory exporter: the edge's
 * span, the guest route, its SQL, the outbox row, and later the mail worker's delivery with
 * render and the provider call, all under the trace id the client sent. The same booking's
 * log lines carry the ids and none of the guest's personal data.
 */
describe('one booking is one trace (embedded platform)', () => {
  const exporter = new InMemorySpanExporter();
  const store = new SpanStore();
  const lines: Array<Record<string, unknown>> = [];
  let telemetry: Telemetry;
  let platform: EmbeddedPlatform;
  let spans: ReadableSpan[];
  let booked: { code: string };

  before(async () => {
    telemetry = startTelemetry({ service: 'hatago', store, processors: [new SimpleSpanProcessor(exporter)] });
    const { startEmbeddedPlatform } = await import('./embedded-platform.ts');
    const logDestination = new Writable({
      write(chunk: Buffer, _encoding, done) {
        for (const line of chunk.toString().split('\n').filter(Boolean)) lines.push(JSON.parse(line) as Record<string, unknown>);
        done();
      },
    });
    // no restaurants: left out, the seed makes 8 per area (80, with their photos), which this test never reads
    platform = await startEmbeddedPlatform({ port: 0, host: '127.0.0.1', seed: { hotelsPerArea: 1, restaurantsPerArea: 0, days: 30 }, logLevel: 'info', logDestination, traces: store });
    const plan = await sql<{ id: number }>`select id from rate_plans order by id limit 1`.execute(platform.database.db);
    exporter.reset();
    const response = await fetch(`${platform.url}/api/v1/reservations`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'idempotency-key': 'trace-test-1', traceparent: `00-${CLIENT_TRACE}-00f067aa0ba902b7-01` },
      body: JSON.stringify({ planId: plan.rows[0]!.id, checkin: futureDate(10), nights: 1, guests: 2, rooms: 1, acceptTerms: true, guest: GUEST }),
    });
    assert.equal(response.status, 201, await response.clone().text());
    booked = (await response.json()) as { code: string };
    // the guest then looks the booking up by code and address: the address is in the URL the apps log
    const lookup = await fetch(`${platform.url}/api/v1/reservations/${booked.code}?email=${encodeURIComponent(GUEST.email)}`);
    assert.equal(lookup.status, 200);
    spans = await spansUntil((all) => all.some((s) => s.name === 'sink send'));
  });
  after(async () => {
    await platform.close();
    await telemetry.shutdown();
  });

  /** The worker sends shortly after the answer: its spans are awaited, then everything is read. */
  async function spansUntil(done: (all: ReadableSpan[]) => boolean): Promise<ReadableSpan[]> {
    for (let polls = 0; !done(exporter.getFinishedSpans()); polls++) {
      assert.ok(polls < 400, 'the mail worker did not deliver the confirmation');
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    return exporter.getFinishedSpans();
  }
  const named = (name: string | RegExp) => {
    const span = spans.find((s) => (typeof name === 'string' ? s.name === name : name.test(s.name)));
    assert.ok(span, `no span ${name} among ${spans.map((s) => s.name).join(', ')}`);
    return span;
  };
  const parentOf = (span: ReadableSpan) => span.parentSpanContext?.spanId;

  it('edge → guest route → SQL → outbox → worker → render → provider share the client’s trace id', () => {
    const edge = named('edge api-reservations');
    const route = named('POST /api/v1/reservations');
    const insert = named('INSERT reservations');
    const enqueue = named(/^mail enqueue /);
    const deliver = named(/^mail deliver /);
    const render = named(/^mail render /);
    const send = named('sink send');
    for (const span of [edge, route, insert, enqueue, deliver, render, send]) assert.equal(span.spanContext().traceId, CLIENT_TRACE, span.name);
    assert.equal(edge.kind, SpanKind.SERVER);
    assert.equal(parentOf(edge), '00f067aa0ba902b7', 'the edge continues the client’s traceparent');
    assert.equal(parentOf(route), edge.spanContext().spanId, 'the guest app’s span hangs under the edge’s');
    assert.equal(route.attributes['http.route'], '/api/v1/reservations');
    assert.equal(parentOf(deliver), enqueue.spanContext().spanId, 'the worker continues from the context stored with the outbox row');
    assert.equal(parentOf(send), deliver.spanContext().spanId);
    assert.equal(parentOf(render), deliver.spanContext().spanId);
    assert.equal(deliver.attributes['hatago.mail.outcome'], 'sent');
  });

  it('each statement is a span with its normalised text, operation, table and rows, and no guest data', () => {
    const insert = named('INSERT reservations');
    assert.equal(insert.attributes['db.system.name'], 'postgresql');
    assert.equal(insert.attributes['db.operation.name'], 'INSERT');
    assert.equal(insert.attributes['db.collection.name'], 'reservations');
    assert.equal(insert.attributes['db.response.returned_rows'], 1);
    assert.match(String(insert.attributes['db.query.text']), /^insert into "reservations" .*\$1/);
    const sqlSpans = spans.filter((s) => s.attributes['db.query.text'] !== undefined);
    assert.ok(sqlSpans.length >= 5, `${sqlSpans.length} SQL spans`);
    // the lookup's URL carried the address too, percent-encoded: the server span keeps it redacted
    const everything = JSON.stringify(spans.map((s) => [s.name, s.attributes, s.status]));
    assert.ok(spans.some((s) => String(s.attributes['http.target'] ?? s.attributes['url.query']).includes('email=[redacted]')), 'the lookup was traced');
    for (const value of Object.values(GUEST)) {
      assert.ok(!everything.includes(value) && !everything.includes(encodeURIComponent(value)), `a span carries ${value}`);
    }
  });

  it('the embedded store keeps the trace for the operator console', () => {
    const kept = store.get(CLIENT_TRACE);
    assert.ok(kept, 'the booking’s trace is kept');
    assert.ok(kept.spans.some((s) => s.name === 'INSERT reservations'));
    assert.ok(kept.spans.some((s) => s.name === 'sink send'), 'the delivery joined the kept trace');
  });

  it('problem+json and error pages name the trace beside the request id', async () => {
    const other = 'aaf92f3577b34da6a3ce929d0e0e4736';
    const traceparent = `00-${other}-00f067aa0ba902b7-01`;
    const refused = await fetch(`${platform.url}/api/v1/reservations`, { method: 'POST', headers: { 'content-type': 'application/json', 'idempotency-key': 'trace-test-2', traceparent }, body: '{}' });
    const problem = (await refused.json()) as { requestId?: string; traceId?: string };
    assert.equal(refused.headers.get('content-type'), 'application/problem+json; charset=utf-8');
    assert.ok(problem.requestId);
    assert.equal(problem.traceId, other);
    const page = await fetch(`${platform.url}/no-such-page?lang=en`, { headers: { traceparent } });
    assert.equal(page.status, 404);
    assert.match(await page.text(), new RegExp(`Trace ID: <code>${other}</code>`));
  });

  it('the booking’s log lines carry the request and trace ids, and none of the guest’s data', () => {
    const requestLines = lines.filter((line) => line.service === 'guest' && line.traceId === CLIENT_TRACE);
    assert.ok(requestLines.length >= 2, 'the guest app logged the booking');
    assert.ok(requestLines.every((line) => typeof line.reqId === 'string' && line.spanId), 'request id and span id on every line');
    assert.ok(requestLines.some((line) => line.msg === 'reservation booked' && line.code === booked.code));
    assert.ok(lines.some((line) => JSON.stringify(line.req ?? '').includes(`/api/v1/reservations/${booked.code}?email=[redacted]`)), 'the lookup was logged, masked');
    const all = JSON.stringify(lines);
    for (const value of Object.values(GUEST)) assert.ok(!all.includes(value), `a log line carries ${value}`);
  });
});
