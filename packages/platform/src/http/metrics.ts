import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { collectDefaultMetrics, Histogram, Registry } from 'prom-client';

/** Used when an app passes none; the apps pass buckets derived from config/slo.ts. */
const DEFAULT_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

declare module 'fastify' {
  interface FastifyInstance {
    /** This app's registries (HTTP, then the app's own), for in-process readers such as the embedded SLO evaluator. */
    metricRegistries: Registry[];
  }
}

export interface MetricsOptions {
  service: string;
  extra?: Registry[];
  token?: string | undefined;
  latencyBuckets?: readonly number[];
}

/**
 * Prometheus metrics per process: request durations by route template (never the raw URL:
 * unmatched paths are one `unmatched` series) and status, plus whatever registries the app
 * adds for its own work. The histogram's `_count` is the request rate, its 5xx share the
 * error rate. They reveal the Node version, memory and request counts per route (booking
 * volume), so /metrics answers only a scraper bearing `token`, and without a token is not
 * served at all; in-process readers get the registries either way.
 */
export function registerMetrics(app: FastifyInstance<any, any, any, any, any>, options: MetricsOptions): void {
  const registry = new Registry();
  registry.setDefaultLabels({ service: options.service });
  const duration = new Histogram({
    name: 'http_request_duration_seconds',
    help: 'HTTP request duration by route template and status',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: [...(options.latencyBuckets ?? DEFAULT_BUCKETS)],
    registers: [registry],
  });
  app.decorate('metricRegistries', [registry, ...(options.extra ?? [])]);
  app.addHook('onResponse', async (request, reply) => {
    duration.observe(
      { method: request.method, route: request.routeOptions.url ?? 'unmatched', status: String(reply.statusCode) },
      reply.elapsedTime / 1000,
    );
  });
  const token = options.token;
  if (token === undefined) return;
  collectDefaultMetrics({ register: registry });
  app.get('/metrics', async (request, reply) => {
    if (!bearerMatches(request.headers.authorization, token)) {
      return reply.code(401).header('www-authenticate', 'Bearer').header('cache-control', 'no-store').send();
    }
    reply.type(registry.contentType).header('cache-control', 'no-store');
    const texts = await Promise.all(app.metricRegistries.map((r) => r.metrics()));
    return texts.join('\n');
  });
}

// hashed first so the comparison takes as long whatever the length of what was sent
const digest = (text: string) => createHash('sha256').update(text).digest();
const bearerMatches = (authorization: string | undefined, token: string) =>
  authorization !== undefined && timingSafeEqual(digest(authorization), digest(`Bearer ${token}`));
