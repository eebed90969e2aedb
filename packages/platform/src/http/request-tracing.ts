import type { IncomingMessage } from 'node:http';
import type { FastifyInstance } from 'fastify';
import { runWithRequestIds } from '../logging/log-context.ts';
import { endServerSpan, nameServerSpan, type ServerSpan, startServerSpan, withServerSpan } from '../tracing/server-span.ts';

const spans = new WeakMap<IncomingMessage, ServerSpan>();

/** The trace a request belongs to (its span's, else the caller's traceparent), so support can quote it from an error. */
export function traceIdOf(req: IncomingMessage): string | undefined {
  return spans.get(req)?.traceId;
}

/**
 * Each request gets its server span and runs with its ids in scope (see server-span.ts for
 * why the app starts the span rather than the HTTP instrumentation). Fastify runs a body's
 * parser in the request's async context, so a handler after a body keeps both (pinned by
 * request-tracing.test.ts with a body that arrives in two parts).
 */
export function traceRequests(app: FastifyInstance, untraced: (url: string) => boolean): void {
  const end = (req: IncomingMessage, status: number, finished: boolean) => {
    const server = spans.get(req);
    if (!server) return;
    spans.delete(req);
    endServerSpan(server, status, finished);
  };
  app.addHook('onRequest', (request, _reply, done) => {
    // balancers and scrapers call these every few seconds: a trace each would bury the real ones
    if (untraced(request.url)) return runWithRequestIds({ reqId: request.id }, done);
    const route = request.routeOptions.url;
    const server = startServerSpan(request.method, request.method, request.url, request.raw.headers);
    nameServerSpan(server, `${request.method} ${route ?? '(no route)'}`, route ? { 'http.route': route, 'hatago.request_id': request.id } : { 'hatago.request_id': request.id });
    spans.set(request.raw, server);
    runWithRequestIds({ reqId: request.id, traceId: server.traceId }, () => withServerSpan(server, done));
  });
  app.addHook('onResponse', (request, reply, done) => {
    end(request.raw, reply.statusCode, true);
    done();
  });
  app.addHook('onRequestAbort', (request, done) => {
    end(request.raw, 0, false);
    done();
  });
}
