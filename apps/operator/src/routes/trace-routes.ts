import { DomainError, PlatformErrors } from '@hatago/platform/errors';
import type { HttpApp } from '@hatago/platform/http';
import type { OperatorAppDeps } from '../deps.ts';
import { needs } from '../route-capabilities.ts';
import { traceListPage, traceWaterfallPage } from '../views/trace-views.ts';

const TRACE_ID = /^[0-9a-f]{32}$/;

/** Embedded mode's recent slow and failed traces; SQL text and routes are for administrators. */
export function registerTraceRoutes(app: HttpApp, { traces }: OperatorAppDeps): void {
  app.get('/operator/traces', needs('traces.read'), async (request, reply) => {
    reply.type('text/html; charset=utf-8').header('cache-control', 'no-store');
    return traceListPage(request.staff, traces?.list());
  });

  app.get<{ Params: { traceId: string } }>('/operator/traces/:traceId', needs('traces.read'), async (request, reply) => {
    const trace = TRACE_ID.test(request.params.traceId) ? traces?.get(request.params.traceId) : undefined;
    if (!trace) throw new DomainError('not_found', PlatformErrors.NOT_FOUND, 'No such trace among the kept ones (they are kept for an hour)');
    reply.type('text/html; charset=utf-8').header('cache-control', 'no-store');
    return traceWaterfallPage(request.staff, trace);
  });
}
