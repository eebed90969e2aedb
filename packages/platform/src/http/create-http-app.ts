import Fastify, { LogController, type FastifyBaseLogger, type FastifyInstance, type FastifyRequest } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { Logger } from 'pino';
import type { Registry } from 'prom-client';
import { registerMetrics } from './metrics.ts';
import { type Problem, problemFrom, sendProblem } from './problem.ts';
import { REQUEST_ID_HEADER, requestIdOf } from './request-id.ts';
import { traceRequests } from './request-tracing.ts';
import { guardRequestInput } from './input-guard.ts';
import { addSecurityHeaders } from './security-headers.ts';
import { NotFoundPageError } from './not-found.ts';

const PROBES = new Set(['/healthz', '/readyz', '/metrics']);

export interface HttpAppOptions {
  service: string;
  logger: Logger;
  /** Throws when a dependency this app needs (the database, …) is unreachable. */
  readiness: () => Promise<void>;
  /** Friendly HTML for errors outside the API, in the request's language where the app has one; it must show the request id. */
  errorPage: (problem: Problem, request: FastifyRequest) => string;
  /** Requests under this prefix get problem+json instead of an HTML page. */
  apiPrefix?: string;
  bodyLimit?: number;
  /** The app's own Prometheus metrics, served on /metrics beside the HTTP ones. */
  metrics?: Registry[];
  /** Bearer token a scraper must send for /metrics (METRICS_TOKEN); without one, /metrics is not served. */
  metricsToken?: string | undefined;
  /** Buckets of the request duration histogram (from config/slo.ts, so latency objectives are bucket boundaries). */
  latencyBuckets?: readonly number[];
}

export type HttpApp = FastifyInstance<any, any, any, FastifyBaseLogger, TypeBoxTypeProvider>;

declare module 'fastify' {
  interface FastifyInstance {
    /** Fails readiness so balancers stop sending traffic before the listener closes. */
    startDraining(): void;
  }
}

/**
 * Every Hatago HTTP service starts from here, so all of them keep the same contracts:
 * request id in and out and on every log line, problem+json or a friendly page for every
 * error, one input layer refusing control characters, the security headers, health and
 * readiness, metrics for a scraper with the token, and a drain state for graceful shutdown.
 */
export function createHttpApp(options: HttpAppOptions): HttpApp {
  const apiPrefix = options.apiPrefix ?? '/api/';
  const app = Fastify({
    loggerInstance: options.logger as FastifyBaseLogger,
    genReqId: requestIdOf,
    requestIdHeader: false,
    // probes arrive every few seconds from every balancer; their lines would bury the rest
    logController: new LogController({ requestIdLogLabel: 'reqId', disableRequestLogging: (req) => PROBES.has(req.url) }),
    bodyLimit: options.bodyLimit ?? 1024 * 1024,
    trustProxy: '127.0.0.1,::1',
    return503OnClosing: true,
    forceCloseConnections: 'idle',
    ajv: { customOptions: { coerceTypes: 'array', removeAdditional: false, allErrors: true } },
  }).withTypeProvider<TypeBoxTypeProvider>();

  let draining = false;
  app.decorate('startDraining', () => {
    draining = true;
  });

  app.addHook('onRequest', (request, reply, done) => {
    reply.header(REQUEST_ID_HEADER, request.id);
    done();
  });
  traceRequests(app, (url) => PROBES.has(url));
  guardRequestInput(app);
  addSecurityHeaders(app);

  const isApi = (request: FastifyRequest) => request.url.startsWith(apiPrefix);
  const respond = (problem: Problem, request: FastifyRequest, reply: Parameters<Parameters<typeof app.setErrorHandler>[0]>[2]) =>
    isApi(request)
      ? sendProblem(reply, problem)
      : reply.code(problem.status).type('text/html; charset=utf-8').header('cache-control', 'no-store').send(options.errorPage(problem, request));

  app.setErrorHandler((error, request, reply) => {
    const problem = problemFrom(error, request);
    if (problem.status >= 500) request.log.error({ err: error }, 'request failed');
    return respond(problem, request, reply);
  });

  app.setNotFoundHandler((request, reply) =>
    respond(problemFrom(new NotFoundPageError(`No page at ${request.url.split('?')[0]}`), request), request, reply),
  );

  app.get('/healthz', async (_request, reply) => {
    reply.header('cache-control', 'no-store');
    return { status: 'ok', service: options.service };
  });

  app.get('/readyz', async (request, reply) => {
    reply.header('cache-control', 'no-store');
    if (draining) return reply.code(503).send({ status: 'draining', service: options.service });
    try {
      await options.readiness();
      return { status: 'ready', service: options.service };
    } catch (error) {
      request.log.warn({ err: error }, 'not ready');
      return reply.code(503).send({ status: 'unavailable', service: options.service });
    }
  });

  registerMetrics(app, {
    service: options.service,
    extra: options.metrics ?? [],
    token: options.metricsToken,
    ...(options.latencyBuckets ? { latencyBuckets: options.latencyBuckets } : {}),
  });
  return app;
}
