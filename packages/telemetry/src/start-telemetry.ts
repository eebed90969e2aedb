import { context, propagation, trace } from '@opentelemetry/api';
import { OTLPTraceExporter as OtlpJsonExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { OTLPTraceExporter as OtlpProtobufExporter } from '@opentelemetry/exporter-trace-otlp-proto';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { BatchSpanProcessor, NodeTracerProvider, type SpanExporter, type SpanProcessor } from '@opentelemetry/sdk-trace-node';
import type { SpanStore } from './span-store.ts';
import { otlpProtocol, otlpTracesConfigured, telemetryDisabled } from './telemetry-env.ts';

export interface TelemetryOptions {
  /** service.name unless OTEL_SERVICE_NAME says otherwise: the app's name ('guest', 'edge', …). */
  service: string;
  /** Embedded mode keeps recent slow and failed traces here, collector or not. */
  store?: SpanStore;
  /** Tests hand their own processor (an InMemorySpanExporter's) in place of the OTLP one. */
  processors?: SpanProcessor[];
  env?: Record<string, string | undefined>;
}

export interface Telemetry {
  /** True when spans are recorded at all: something receives them. */
  readonly enabled: boolean;
  /** Sends what is buffered and stops; the last step of a graceful shutdown. */
  shutdown(): Promise<void>;
}

let started: Telemetry | undefined;

/**
 * Starts tracing for this process, once: spans go to an OTLP collector when the standard
 * variables name one (OTEL_EXPORTER_OTLP_ENDPOINT, _PROTOCOL http/json or http/protobuf,
 * OTEL_TRACES_SAMPLER and _ARG read by the SDK), to the embedded span store when given.
 * With neither, nothing is registered: the API's no-op tracer answers every call.
 */
export function startTelemetry(options: TelemetryOptions): Telemetry {
  if (started) return started;
  const env = options.env ?? process.env;
  const processors: SpanProcessor[] = [...(options.processors ?? [])];
  if (!telemetryDisabled(env)) {
    if (otlpTracesConfigured(env)) processors.push(new BatchSpanProcessor(otlpExporter(env)));
    if (options.store) processors.push(options.store.processor);
  }
  if (processors.length === 0) {
    started = {
      enabled: false,
      async shutdown() {
        started = undefined;
      },
    };
    return started;
  }
  const provider = new NodeTracerProvider({
    resource: resourceFromAttributes({ 'service.name': env.OTEL_SERVICE_NAME?.trim() || options.service }),
    spanProcessors: processors,
  });
  provider.register();
  started = {
    enabled: true,
    async shutdown() {
      await provider.shutdown();
      trace.disable();
      context.disable();
      propagation.disable();
      started = undefined;
    },
  };
  return started;
}

function otlpExporter(env: Record<string, string | undefined>): SpanExporter {
  return otlpProtocol(env) === 'http/json' ? new OtlpJsonExporter() : new OtlpProtobufExporter();
}
