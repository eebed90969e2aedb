export { startTelemetry, type Telemetry, type TelemetryOptions } from './start-telemetry.ts';
export { SpanStore, type StoredSpan, type StoredTrace, type SpanStoreLimits } from './span-store.ts';
export { otlpProtocol, otlpTracesConfigured, telemetryDisabled } from './telemetry-env.ts';
