import { HTTP_LATENCY_BUCKETS } from '../../../config/slo.ts';
import cookie from '@fastify/cookie';
import formbody from '@fastify/formbody';
import { cacheReadiness } from '@hatago/cache';
import { CatalogChanges, catalogEdgeKeys } from '@hatago/catalog';
import { DiningChanges, diningEdgeKeys } from '@hatago/dining';
import { SandboxPaymentProvider } from '@hatago/payments';
import { purgeEdgeOn } from '@hatago/platform/edge';
import { createHttpApp, type HttpApp } from '@hatago/platform/http';
import { registerStaffLogin, renderErrorPage } from '@hatago/web-kit';
import type { FacilityAppDeps } from './deps.ts';
import { registerDashboardRoutes } from './routes/dashboard-routes.ts';
import { registerExportRoutes, registerSignedDownloads } from './routes/export-routes.ts';
import { registerHotelRoutes } from './routes/hotel-routes.ts';
import { registerInventoryRoutes } from './routes/inventory-routes.ts';
import { HOTEL_PHOTO_ROUTES, registerPhotoRoutes, RESTAURANT_PHOTO_ROUTES } from './routes/photo-routes.ts';
import { registerPlanRoutes } from './routes/plan-routes.ts';
import { registerReservationRoutes } from './routes/reservation-routes.ts';
import { registerRestaurantCourseRoutes } from './routes/restaurant-course-routes.ts';
import { registerRestaurantReservationRoutes } from './routes/restaurant-reservation-routes.ts';
import { registerRestaurantSetupRoutes } from './routes/restaurant-setup-routes.ts';
import { registerRoomTypeRoutes } from './routes/room-type-routes.ts';
import { FACILITY_SHELL } from './views/facility-page.ts';

export { FACILITY_SHELL };

/**
 * The console where hotel staff run their own hotel (rooms, plans, prices, inventory,
 * reservations) and restaurant staff theirs (seatings, capacity, courses, requests, the day).
 */
export async function buildFacilityApp(deps: FacilityAppDeps): Promise<HttpApp> {
  const cacheReady = cacheReadiness(deps.cache);
  const app = createHttpApp({
    metricsToken: deps.metricsToken,
    service: 'facility',
    logger: deps.logger,
    readiness: async () => {
      await deps.database.ping();
      await cacheReady();
    },
    errorPage: (problem) => renderErrorPage(problem, FACILITY_SHELL),
    metrics: [deps.cache.telemetry.registry, deps.database.metrics],
    latencyBuckets: HTTP_LATENCY_BUCKETS,
    apiPrefix: '/facility/api/',
  });
  const catalogChanges = new CatalogChanges(deps.cache);
  app.decorate('catalogChanges', catalogChanges);
  // declining a request lets its card guarantee go, so the console settles guarantees as the guest app does
  app.decorate('dining', { db: deps.database.db, changes: new DiningChanges(deps.cache), payments: deps.payments ?? new SandboxPaymentProvider() });
  if (deps.edgePurger) {
    // every facility instance hears every instance's changes (guest bookings of tables too) and purges the edge
    const purging = purgeEdgeOn([catalogEdgeKeys(catalogChanges), diningEdgeKeys(new DiningChanges(deps.cache))], deps.edgePurger);
    app.addHook('onClose', () => purging.stop());
  }
  await app.register(cookie, { secret: deps.signingSecret });
  await app.register(formbody);
  registerSignedDownloads(app, deps);
  // Everything else needs a signed-in facility account; the session check is scoped to
  // this plugin so the signed download links above work without one.
  await app.register(async (consoleScope: HttpApp) => {
    registerStaffLogin(consoleScope, {
      kind: 'facility',
      basePath: '/facility',
      database: deps.database,
      rateLimiter: deps.rateLimiter,
      shell: FACILITY_SHELL,
    });
    registerDashboardRoutes(consoleScope, deps);
    registerHotelRoutes(consoleScope, deps);
    registerPhotoRoutes(consoleScope, deps, HOTEL_PHOTO_ROUTES);
    registerPhotoRoutes(consoleScope, deps, RESTAURANT_PHOTO_ROUTES);
    registerRoomTypeRoutes(consoleScope, deps);
    registerPlanRoutes(consoleScope, deps);
    registerInventoryRoutes(consoleScope, deps);
    registerReservationRoutes(consoleScope, deps);
    registerExportRoutes(consoleScope, deps);
    registerRestaurantSetupRoutes(consoleScope, deps);
    registerRestaurantCourseRoutes(consoleScope, deps);
    registerRestaurantReservationRoutes(consoleScope, deps);
  });
  return app;
}
