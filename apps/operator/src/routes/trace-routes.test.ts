import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { ROOT_CONTEXT, SpanStatusCode, trace } from '@opentelemetry/api';
import { BasicTracerProvider } from '@opentelemetry/sdk-trace-node';
import type { HttpApp } from '@hatago/platform/http';
import { platformTemplates } from '@hatago/runtime';
import { SpanStore } from '@hatago/telemetry';
import { createTestDatabase, staffSessionCookie, type TestDatabase, testAppDeps, testDatabaseTargets } from '@hatago/test-support';
import { buildOperatorApp } from '../operator-app.ts';

/** A booking-shaped trace recorded by a real SDK tracer into the store the console reads. */
function recordTrace(store: SpanStore, failed: boolean): string {
  const tracer = new BasicTracerProvider({ spanProcessors: [store.processor] }).getTracer('test');
  const start = Date.now();
  const edge = tracer.startSpan('edge api-reservations', { startTime: start }, ROOT_CONTEXT);
  const route = tracer.startSpan('POST /api/v1/reservations', { startTime: start + 2 }, trace.setSpan(ROOT_CONTEXT, edge));
  const insert = tracer.startSpan('INSERT reservations', { startTime: start + 5, attributes: { 'db.query.text': 'insert into "reservations" ("code") values ($1)', 'db.response.returned_rows': 1 } }, trace.setSpan(ROOT_CONTEXT, route));
  if (failed) insert.setStatus({ code: SpanStatusCode.ERROR, message: 'duplicate key value violates unique constraint' });
  insert.end(start + 9);
  route.end(start + 12);
  edge.end(start + 14);
  return edge.spanContext().traceId;
}

describe('operator console: traces (embedded mode)', () => {
  const [target] = testDatabaseTargets();
  let db: TestDatabase;
  let app: HttpApp;
  let bare: HttpApp;
  let admin: string;
  let support: string;
  const store = new SpanStore();
  let failedTrace: string;

  before(async () => {
    db = await createTestDatabase(target!);
    app = await buildOperatorApp({ ...testAppDeps(db.database), mailTemplates: platformTemplates, traces: store });
    bare = await buildOperatorApp({ ...testAppDeps(db.database), mailTemplates: platformTemplates });
    admin = await staffSessionCookie(app, '/operator', 'admin');
    support = await staffSessionCookie(app, '/operator', 'support');
    recordTrace(store, false);
    failedTrace = recordTrace(store, true);
  });
  after(async () => {
    await app.close();
    await bare.close();
    await db.dispose();
  });

  const get = (target: HttpApp, url: string, cookie: string) => target.inject({ method: 'GET', url, headers: { cookie } });

  it('lists the kept traces, failed ones marked, each linking to its waterfall', async () => {
    const page = await get(app, '/operator/traces', admin);
    assert.equal(page.statusCode, 200);
    assert.equal(page.headers['cache-control'], 'no-store');
    assert.match(page.body, new RegExp(`<a href="/operator/traces/${failedTrace}">edge api-reservations</a>`));
    assert.equal(page.body.match(/<tr class="failed">/g)?.length, 1);
  });

  it('shows one trace as a waterfall: spans in tree order with bars, and the SQL text', async () => {
    const page = await get(app, `/operator/traces/${failedTrace}`, admin);
    assert.equal(page.statusCode, 200);
    const order = ['edge api-reservations', 'POST /api/v1/reservations', 'INSERT reservations'].map((name) => page.body.indexOf(`>${name}`));
    assert.ok(order.every((at, i) => at > 0 && (i === 0 || at > order[i - 1]!)), `tree order: ${order.join()}`);
    assert.match(page.body, /class="depth-2">INSERT reservations/);
    assert.match(page.body, /<code class="sql">insert into &quot;reservations&quot; \(&quot;code&quot;\) values \(\$1\)<\/code>/);
    assert.match(page.body, /duplicate key value violates unique constraint/);
    assert.equal(page.body.match(/<svg /g)?.length, 3);
    assert.ok(!/style="/.test(page.body), 'no inline style: the content security policy forbids it');
  });

  it('is for administrators, answers 404 for an unknown trace, and says where traces are without a store', async () => {
    assert.equal((await get(app, '/operator/traces', support)).statusCode, 403);
    assert.equal((await get(app, `/operator/traces/${'0'.repeat(32)}`, admin)).statusCode, 404);
    assert.equal((await get(app, '/operator/traces/not-a-trace', admin)).statusCode, 404);
    const noStore = await get(bare, '/operator/traces', admin);
    assert.equal(noStore.statusCode, 200);
    assert.match(noStore.body, /OTEL_EXPORTER_OTLP_ENDPOINT/);
  });
});
