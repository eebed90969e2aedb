import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { context, propagation, trace } from '@opentelemetry/api';
import { InMemorySpanExporter, NodeTracerProvider, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-node';
import { LocalStorage } from './local/local-storage.ts';
import { readBody } from './object-storage.ts';
import { UrlSignature } from './signing/url-signature.ts';
import { tracedStorage } from './traced-storage.ts';

const exporter = new InMemorySpanExporter();
let root: string;

before(async () => {
  new NodeTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] }).register();
  root = await mkdtemp(path.join(tmpdir(), 'hatago-traced-storage-'));
});
after(async () => {
  trace.disable();
  context.disable();
  propagation.disable();
  await rm(root, { recursive: true, force: true });
});

test('storage calls inside a trace are spans with operation, key and backend; failures are marked; calls outside start none', async () => {
  const storage = tracedStorage(new LocalStorage({ root, signature: new UrlSignature('traced-storage-secret-0123456789abcdef'), urlPrefix: '/files/' }), 'local');
  await trace.getTracer('test').startActiveSpan('request', async (span) => {
    await storage.put('exports/a.csv', 'id\n1\n', { contentType: 'text/csv' });
    assert.equal((await readBody((await storage.get('exports/a.csv'))!)).toString(), 'id\n1\n');
    await assert.rejects(storage.put('../escape', 'x', { contentType: 'text/plain' }));
    span.end();
  });
  const spans = exporter.getFinishedSpans().filter((s) => s.name !== 'request');
  assert.deepEqual(
    spans.map((s) => [s.name, s.attributes['hatago.storage.key'], s.attributes['hatago.storage.backend'], s.status.code]),
    [
      ['storage put', 'exports/a.csv', 'local', 0],
      ['storage get', 'exports/a.csv', 'local', 0],
      ['storage put', '../escape', 'local', 2],
    ],
  );
  exporter.reset();
  await storage.delete('exports/a.csv');
  assert.equal(exporter.getFinishedSpans().length, 0);
});
