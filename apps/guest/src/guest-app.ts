import cookie from '@fastify/cookie';
import formbody from '@fastify/formbody';
import swagger from '@fastify/swagger';
import { LiveBannerDocument, PreviewTokens } from '@hatago/banners';
import { cacheReadiness } from '@hatago/cache';
import { CachedCatalog, CatalogChanges } from '@hatago/catalog';
import { DiningChanges } from '@hatago/dining';
import { createFlagsClient, DEFAULT_ENVIRONMENT, LiveFlags } from '@hatago/flags';
import { SandboxPaymentProvider } from '@hatago/payments';
import { createHttpApp, type HttpApp } from '@hatago/platform/http';
import { rejectCrossSiteWrites } from '@hatago/web-kit';
import { HTTP_LATENCY_BUCKETS } from '../../../config/slo.ts';
import { countBusinessEvents } from './business-metrics.ts';
import type { GuestAppDeps, GuestServices } from './deps.ts';
import { Problem } from './api/api-schemas.ts';
import { registerBannerApi } from './api/banner-routes.ts';
import { registerCatalogApi } from './api/catalog-routes.ts';
import { registerReservationApi } from './api/reservation-routes.ts';
import { registerRestaurantApi } from './api/restaurant-routes.ts';
import { registerImageRoute } from './images/image-route.ts';
import { registerInternalFlags } from './internal/internal-flags-route.ts';
import { BANNER_PREVIEW_PREFIX, registerBannerPreview } from './pages/banner-preview.ts';
import { guestErrorPage } from './pages/error-page.ts';
import { registerGuestPages } from './pages/guest-pages.ts';
import { MEMBER_COOKIE } from './pages/member-session.ts';
import { registerPasswordResetPages } from './pages/password-reset-pages.ts';

/** The guest site: server-rendered pages and the public JSON API under /api/v1. */
export async function buildGuestApp(appDeps: GuestAppDeps): Promise<HttpApp> {
  const payments = appDeps.payments ?? new SandboxPaymentProvider();
  const environment = appDeps.environment ?? DEFAULT_ENVIRONMENT;
  const flags = new LiveFlags(appDeps.database.db, appDeps.cache);
  const deps: GuestServices = {
    ...appDeps,
    payments,
    catalog: new CachedCatalog(appDeps.database.db, appDeps.cache),
    booking: { db: appDeps.database.db, changes: new CatalogChanges(appDeps.cache), payments },
    dining: { db: appDeps.database.db, changes: new DiningChanges(appDeps.cache), payments },
    publicBaseUrl: appDeps.publicBaseUrl ?? 'http://localhost:8080',
    banners: new LiveBannerDocument(appDeps.database.db, appDeps.cache),
    previews: new PreviewTokens(appDeps.signingSecret),
    flags,
    features: await createFlagsClient(flags, environment, 'guest'),
    environment,
    now: appDeps.clock ?? (() => new Date()),
  };
  const cacheReady = cacheReadiness(deps.cache);
  const app = createHttpApp({
    metricsToken: deps.metricsToken,
    service: 'guest',
    logger: deps.logger,
    readiness: async () => {
      await deps.database.ping();
      await cacheReady();
    },
    errorPage: guestErrorPage,
    metrics: [deps.cache.telemetry.registry, deps.database.metrics],
    latencyBuckets: HTTP_LATENCY_BUCKETS,
  });
  app.addHook('onClose', async () => {
    deps.banners.close();
    deps.flags.close();
    await deps.features.close();
  });
  app.metricRegistries.push(countBusinessEvents(app));
  await app.register(cookie, { secret: deps.signingSecret });
  await app.register(formbody);
  await app.register(swagger, {
    hideUntagged: true,
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Hatago guest API',
        version: '1.0.0',
        description: 'Search hotels and restaurants, book and cancel stays and tables. Errors are RFC 9457 problem details.',
      },
      servers: [{ url: '/' }],
      tags: [
        { name: 'catalog', description: 'Areas, hotels and prices' },
        { name: 'restaurants', description: 'Restaurants, seatings, courses and table bookings' },
        { name: 'reservations', description: 'Book, look up and cancel' },
        { name: 'banners', description: 'The banners live now, per slot, and the banner document schema' },
      ],
    },
  });
  app.addSchema(Problem);
  app.get('/api/v1/openapi.json', async (_request, reply) => {
    reply.header('cache-control', 'public, max-age=300');
    return app.swagger();
  });
  registerCatalogApi(app, deps);
  registerRestaurantApi(app, deps);
  registerReservationApi(app, deps);
  registerBannerApi(app, deps);
  registerImageRoute(app, deps.storage);
  registerInternalFlags(app, deps);
  // every page with a form sits behind the cross-site check; the JSON API takes no cookies
  await app.register(async (pages: HttpApp) => {
    rejectCrossSiteWrites(pages, MEMBER_COOKIE);
    registerGuestPages(pages, deps);
    await pages.register(async (preview: HttpApp) => registerBannerPreview(preview, deps), { prefix: BANNER_PREVIEW_PREFIX });
    registerPasswordResetPages(pages, { database: deps.database, rateLimiter: deps.rateLimiter, publicBaseUrl: deps.publicBaseUrl });
  });
  return app;
}
