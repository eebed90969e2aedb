import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, test } from 'node:test';
import { trace } from '@opentelemetry/api';
import { startTelemetry } from './start-telemetry.ts';

interface Received {
  path: string;
  contentType: string;
  body: Buffer;
}

/**
 * The collector's side of OTLP/HTTP is the real peer here: a loopback server in this test
 * that records what arrives and answers 200, as a collector does. Both encodings the
 * standard variable may name are sent to it by the SDK's own exporters.
 */
describe('OTLP export with the standard variables', () => {
  let server: Server;
  let endpoint: string;
  const received: Received[] = [];
  const OTEL_VARIABLES = ['OTEL_EXPORTER_OTLP_ENDPOINT', 'OTEL_EXPORTER_OTLP_PROTOCOL', 'OTEL_TRACES_SAMPLER', 'OTEL_TRACES_SAMPLER_ARG', 'OTEL_SERVICE_NAME'];

  before(async () => {
    server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        received.push({ path: req.url ?? '', contentType: req.headers['content-type'] ?? '', body: Buffer.concat(chunks) });
        res.writeHead(200, { 'content-type': req.headers['content-type'] ?? 'application/json' }).end(req.headers['content-type']?.includes('json') ? '{}' : '');
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  after(() => new Promise<void>((resolve) => server.close(() => resolve())));

  /** Starts the SDK under these variables, records one span, and flushes on shutdown, as a process does when it stops. */
  async function exportOneSpan(env: Record<string, string>) {
    for (const name of OTEL_VARIABLES) delete process.env[name];
    Object.assign(process.env, env);
    received.length = 0;
    const telemetry = startTelemetry({ service: 'guest' });
    const span = trace.getTracer('test').startSpan('GET /api/v1/hotels', { attributes: { 'http.route': '/api/v1/hotels' } });
    const traceId = span.spanContext().traceId;
    span.end();
    await telemetry.shutdown();
    for (const name of OTEL_VARIABLES) delete process.env[name];
    return { telemetry, traceId, recording: span.isRecording };
  }

  test('http/json: the span reaches /v1/traces as OTLP JSON, named by the app unless OTEL_SERVICE_NAME says otherwise', async () => {
    const { traceId } = await exportOneSpan({ OTEL_EXPORTER_OTLP_ENDPOINT: endpoint, OTEL_EXPORTER_OTLP_PROTOCOL: 'http/json' });
    assert.equal(received.length, 1);
    assert.equal(received[0]!.path, '/v1/traces');
    assert.match(received[0]!.contentType, /^application\/json/);
    const body = JSON.parse(received[0]!.body.toString()) as any;
    const [resourceSpans] = body.resourceSpans;
    assert.equal(resourceSpans.resource.attributes.find((a: any) => a.key === 'service.name').value.stringValue, 'guest');
    const [span] = resourceSpans.scopeSpans[0].spans;
    assert.equal(span.name, 'GET /api/v1/hotels');
    assert.equal(span.traceId, traceId);

    await exportOneSpan({ OTEL_EXPORTER_OTLP_ENDPOINT: endpoint, OTEL_EXPORTER_OTLP_PROTOCOL: 'http/json', OTEL_SERVICE_NAME: 'guest-canary' });
    assert.ok(received[0]!.body.toString().includes('"guest-canary"'));
  });

  test('http/protobuf (the default): the same span as an OTLP protobuf message', async () => {
    const { traceId } = await exportOneSpan({ OTEL_EXPORTER_OTLP_ENDPOINT: endpoint });
    assert.equal(received.length, 1);
    assert.equal(received[0]!.path, '/v1/traces');
    assert.equal(received[0]!.contentType, 'application/x-protobuf');
    // protobuf keeps strings as UTF-8 and ids as raw bytes: both are found in the message
    assert.ok(received[0]!.body.includes(Buffer.from('GET /api/v1/hotels')));
    assert.ok(received[0]!.body.includes(Buffer.from(traceId, 'hex')));
    assert.ok(received[0]!.body.includes(Buffer.from('guest')));
  });

  test('OTEL_TRACES_SAMPLER is honoured: a ratio of 0 records and sends nothing', async () => {
    await exportOneSpan({ OTEL_EXPORTER_OTLP_ENDPOINT: endpoint, OTEL_EXPORTER_OTLP_PROTOCOL: 'http/json', OTEL_TRACES_SAMPLER: 'traceidratio', OTEL_TRACES_SAMPLER_ARG: '0' });
    assert.equal(received.length, 0);
  });

  test('nothing configured: no SDK at all, the API answers with non-recording spans', async () => {
    const { telemetry } = await exportOneSpan({});
    assert.equal(telemetry.enabled, false);
    assert.equal(trace.getTracer('test').startSpan('x').isRecording(), false);
    assert.equal(received.length, 0);
  });

  test('an unsupported protocol stops the start with the variable named', () => {
    assert.throws(
      () => startTelemetry({ service: 'guest', env: { OTEL_EXPORTER_OTLP_ENDPOINT: endpoint, OTEL_EXPORTER_OTLP_PROTOCOL: 'grpc' } }),
      /OTEL_EXPORTER_OTLP_PROTOCOL \("grpc"\)/,
    );
  });
});
