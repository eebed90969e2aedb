import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { collectDefaultMetrics, Histogram, Registry } from 'prom-client';

/**
 * Prometheus metrics per process: request durations by route template and status, plus
 * whatever registries the app adds for its own work (e.g. the mailer's delivery counters).
 * They reveal the Node version, memory and request counts per route (booking volume), so
 * /metrics answers only a scraper bearing `token`, and without a token is not served at all.
 */
export function registerMetrics(app: FastifyInstance<any, any, any, any, any>, service: string, extra: Registry[] = [], token?: string): void {
  if (token === undefined) return;
  const registry = new Registry();
  registry.setDefaultLabels({ service });
  collectDefaultMetrics({ register: registry });
  const duration = new Histogram({
    name: 'http_request_duration_seconds',
    help: 'HTTP request duration by route template and status',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [registry],
  });
  app.addHook('onResponse', async (request, reply) => {
    duration.observe(
      { method: request.method, route: request.routeOptions.url ?? 'unmatched', status: String(reply.statusCode) },
      reply.elapsedTime / 1000,
    );
  });
  app.get('/metrics', async (request, reply) => {
    if (!bearerMatches(request.headers.authorization, token)) {
      return reply.code(401).header('www-authenticate', 'Bearer').header('cache-control', 'no-store').send();
    }
    reply.type(registry.contentType).header('cache-control', 'no-store');
    const texts = await Promise.all([registry, ...extra].map((r) => r.metrics()));
    return texts.join('\n');
  });
}

// hashed first so the comparison takes as long whatever the length of what was sent
const digest = (text: string) => createHash('sha256').update(text).digest();
const bearerMatches = (authorization: string | undefined, token: string) =>
  authorization !== undefined && timingSafeEqual(digest(authorization), digest(`Bearer ${token}`));
