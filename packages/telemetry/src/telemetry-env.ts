import { ConfigError } from '@hatago/platform/config';

type Env = Record<string, string | undefined>;

/** OTEL_SDK_DISABLED=true turns every part off, the module hooks included (OpenTelemetry SDK environment specification). */
export const telemetryDisabled = (env: Env) => env.OTEL_SDK_DISABLED?.trim().toLowerCase() === 'true';

/** The OTLP protocols the standard variable may name; gRPC is left out to keep the dependencies small. */
export type OtlpProtocol = 'http/json' | 'http/protobuf';

/**
 * Whether traces go to a collector: an OTLP endpoint is configured and OTEL_TRACES_EXPORTER
 * does not say `none`. The exporters read the endpoint, headers and timeout themselves.
 */
export function otlpTracesConfigured(env: Env): boolean {
  if (env.OTEL_TRACES_EXPORTER?.split(',').map((e) => e.trim()).includes('none')) return false;
  return Boolean(env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT || env.OTEL_EXPORTER_OTLP_ENDPOINT);
}

/** OTEL_EXPORTER_OTLP_TRACES_PROTOCOL, then OTEL_EXPORTER_OTLP_PROTOCOL, default http/protobuf as the specification says. */
export function otlpProtocol(env: Env): OtlpProtocol {
  const value = (env.OTEL_EXPORTER_OTLP_TRACES_PROTOCOL || env.OTEL_EXPORTER_OTLP_PROTOCOL || 'http/protobuf').trim();
  if (value === 'http/json' || value === 'http/protobuf') return value;
  throw new ConfigError(`invalid configuration: OTEL_EXPORTER_OTLP_PROTOCOL (${JSON.stringify(value)}): use http/protobuf or http/json`);
}
