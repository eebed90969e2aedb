/**
 * The `--import` entry of every Hatago process (`node --import @hatago/telemetry/register …`):
 * it must run before the first application module is loaded, so that the module hooks see
 * `http` and `ioredis` when they are imported. It only patches; the process's main module
 * then calls startTelemetry() with its service name, and until then (or when nothing is
 * configured) the patched code talks to the API's no-op tracer.
 */
import { register } from 'node:module';
import { registerInstrumentations } from '@opentelemetry/instrumentation';
import { telemetryDisabled } from './telemetry-env.ts';
import { hatagoInstrumentations, INSTRUMENTED_MODULES } from './instrumentations.ts';

if (!telemetryDisabled(process.env)) {
  // ESM imports bypass require(); only the listed modules are rewritten, the rest load untouched
  register('@opentelemetry/instrumentation/hook.mjs', import.meta.url, { data: { include: INSTRUMENTED_MODULES } });
  registerInstrumentations({ instrumentations: hatagoInstrumentations() });
}
