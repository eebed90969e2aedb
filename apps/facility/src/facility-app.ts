import cookie from '@fastify/cookie';
import formbody from '@fastify/formbody';
import type { Database } from '@hatago/db';
import { html } from '@hatago/platform/html';
import { createHttpApp, type HttpApp } from '@hatago/platform/http';
import type { Logger } from '@hatago/platform/logging';
import { registerStaffLogin, rejectCrossSiteWrites, renderErrorPage, renderPage } from '@hatago/web-kit';

export interface FacilityAppDeps {
  database: Database;
  logger: Logger;
  signingSecret: string;
}

export const FACILITY_SHELL = { brand: 'Hatago Facility Console', brandHref: '/facility/', lang: 'en' as const };

/** The console where hotel staff run their own hotel: rooms, plans, prices, inventory, reservations. */
export async function buildFacilityApp(deps: FacilityAppDeps): Promise<HttpApp> {
  const app = createHttpApp({
    service: 'facility',
    logger: deps.logger,
    readiness: () => deps.database.ping(),
    errorPage: (problem) => renderErrorPage(problem, FACILITY_SHELL),
    apiPrefix: '/facility/api/',
  });
  await app.register(cookie, { secret: deps.signingSecret });
  await app.register(formbody);
  rejectCrossSiteWrites(app);
  registerStaffLogin(app, { kind: 'facility', basePath: '/facility', database: deps.database, shell: FACILITY_SHELL });
  app.get('/facility/', async (request, reply) => {
    reply.type('text/html; charset=utf-8');
    return renderPage({
      ...FACILITY_SHELL,
      title: 'Facility console',
      body: html`<h1>${request.staff.name}</h1>`,
    });
  });
  return app;
}
