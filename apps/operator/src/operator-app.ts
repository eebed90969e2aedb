import { HTTP_LATENCY_BUCKETS } from '../../../config/slo.ts';
import cookie from '@fastify/cookie';
import formbody from '@fastify/formbody';
import { recordAudit } from '@hatago/audit';
import { cacheReadiness } from '@hatago/cache';
import { createHttpApp, type HttpApp } from '@hatago/platform/http';
import { registerStaffLogin, renderErrorPage } from '@hatago/web-kit';
import type { OperatorAppDeps } from './deps.ts';
import { auditActor } from './audit-trail.ts';
import { registerAuditRoutes } from './routes/audit-routes.ts';
import { registerMailHistoryRoutes } from './routes/mail-history-routes.ts';
import { registerMailboxRoutes } from './routes/mail-mailbox-routes.ts';
import { registerMailSuppressionRoutes } from './routes/mail-suppression-routes.ts';
import { registerReservationRoutes } from './routes/reservation-routes.ts';
import { registerIncidentRoutes } from './routes/incident-routes.ts';
import { registerSreRoutes } from './routes/sre-routes.ts';
import { OPERATOR_SHELL } from './views/operator-page.ts';

export { OPERATOR_SHELL };

/** The console where support staff and administrators serve guests across every hotel. */
export async function buildOperatorApp(deps: OperatorAppDeps): Promise<HttpApp> {
  const cacheReady = cacheReadiness(deps.cache);
  const app = createHttpApp({
    metricsToken: deps.metricsToken,
    service: 'operator',
    logger: deps.logger,
    readiness: async () => {
      await deps.database.ping();
      await cacheReady();
    },
    errorPage: (problem) => renderErrorPage(problem, OPERATOR_SHELL),
    apiPrefix: '/operator/api/',
    metrics: [deps.cache.telemetry.registry, deps.database.metrics],
    latencyBuckets: HTTP_LATENCY_BUCKETS,
  });
  await app.register(cookie, { secret: deps.signingSecret });
  await app.register(formbody);
  registerStaffLogin(app, {
    kind: 'operator',
    basePath: '/operator',
    database: deps.database,
    rateLimiter: deps.rateLimiter,
    shell: OPERATOR_SHELL,
    onSignIn: (staff, request) =>
      recordAudit(deps.database.db, {
        actor: { kind: 'operator', ...auditActor(staff) },
        action: 'session.sign_in',
        target: { type: 'staff', id: String(staff.id) },
        requestId: request.id,
      }),
  });
  app.get('/operator/', async (_request, reply) => reply.redirect('/operator/reservations'));
  registerReservationRoutes(app, deps);
  registerAuditRoutes(app, deps);
  registerMailHistoryRoutes(app, deps);
  registerMailSuppressionRoutes(app, deps);
  registerMailboxRoutes(app, deps);
  registerSreRoutes(app, deps);
  registerIncidentRoutes(app, deps);
  return app;
}
