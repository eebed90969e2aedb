/**
 * Run by telemetry-hooks.test.ts as the cluster runs a service (nodeArgsFor): ioredis is
 * imported statically, so only hooks installed before this module loads can trace it.
 * Prints the spans it recorded as one JSON line.
 */
import { trace } from '@opentelemetry/api';
import { InMemorySpanExporter, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-node';
import { Redis } from 'ioredis';
import { startTelemetry } from '@hatago/telemetry';

const exporter = new InMemorySpanExporter();
const telemetry = startTelemetry({ service: 'hooks-test', processors: [new SimpleSpanProcessor(exporter)] });
const redis = new Redis(process.env.REDIS_URL!, { keyPrefix: process.env.REDIS_KEY_PREFIX });
await redis.get('outside-any-trace');
await trace.getTracer('test').startActiveSpan('request', async (span) => {
  await redis.set('inside', '1');
  span.end();
});
redis.disconnect();
// read before the shutdown: it clears the in-memory exporter
console.log(JSON.stringify(exporter.getFinishedSpans().map((s) => ({ name: s.name, traceId: s.spanContext().traceId }))));
await telemetry.shutdown();
