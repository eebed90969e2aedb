import { HTTP_LATENCY_BUCKETS } from '../../../config/slo.ts';
import cookie from '@fastify/cookie';
import formbody from '@fastify/formbody';
import { recordAudit } from '@hatago/audit';
import { BannerChanges, bannerEdgeKeys } from '@hatago/banners';
import { cacheReadiness } from '@hatago/cache';
import { IdentityErrors, resolveApiToken } from '@hatago/identity';
import { purgeEdgeOn } from '@hatago/platform/edge';
import { DomainError } from '@hatago/platform/errors';
import { createHttpApp, type HttpApp } from '@hatago/platform/http';
import { registerStaffLogin, renderErrorPage } from '@hatago/web-kit';
import type { OperatorAppDeps } from './deps.ts';
import { auditActor } from './audit-trail.ts';
import { enforceCapabilities, needs } from './route-capabilities.ts';
import { registerAccountRoutes } from './routes/account-routes.ts';
import { registerAuditRoutes } from './routes/audit-routes.ts';
import { registerBannerApi } from './routes/banner-api-routes.ts';
import { registerBannerImageRoutes } from './routes/banner-image-routes.ts';
import { registerBannerRoutes } from './routes/banner-routes.ts';
import { registerFlagApi } from './routes/flag-api-routes.ts';
import { registerFlagRoutes } from './routes/flag-routes.ts';
import { registerMailHistoryRoutes } from './routes/mail-history-routes.ts';
import { registerMailboxRoutes } from './routes/mail-mailbox-routes.ts';
import { registerMailSuppressionRoutes } from './routes/mail-suppression-routes.ts';
import { registerReservationRoutes } from './routes/reservation-routes.ts';
import { registerIncidentRoutes } from './routes/incident-routes.ts';
import { registerSreRoutes } from './routes/sre-routes.ts';
import { registerTraceRoutes } from './routes/trace-routes.ts';
import { homeOf, OPERATOR_SHELL } from './views/operator-page.ts';

export { OPERATOR_SHELL };
export { routeDecisions, type RouteDecision } from './route-capabilities.ts';

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
  if (deps.edgePurger) {
    const purging = purgeEdgeOn([bannerEdgeKeys(new BannerChanges(deps.cache))], deps.edgePurger);
    app.addHook('onClose', () => purging.stop());
  }
  await app.register(cookie, { secret: deps.signingSecret });
  await app.register(formbody);
  const capabilities = enforceCapabilities(app);
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
    authenticateBearer: async (token) => {
      const staff = await resolveApiToken(deps.database.db, token);
      if (!staff) throw new DomainError('unauthorized', IdentityErrors.API_TOKEN_INVALID, 'The API token is unknown or revoked');
      return staff;
    },
  });
  capabilities.checkRequests();
  app.get('/operator/', needs('console.enter'), async (request, reply) => reply.redirect(homeOf(request.staff)));
  registerReservationRoutes(app, deps);
  registerAccountRoutes(app, deps);
  await registerBannerImageRoutes(app, deps, registerBannerRoutes(app, deps));
  await registerBannerApi(app, deps);
  registerFlagRoutes(app, deps);
  registerFlagApi(app, deps);
  registerAuditRoutes(app, deps);
  registerMailHistoryRoutes(app, deps);
  registerMailSuppressionRoutes(app, deps);
  registerMailboxRoutes(app, deps);
  registerTraceRoutes(app, deps);
  registerSreRoutes(app, deps);
  registerIncidentRoutes(app, deps);
  return app;
}
