import cookie from '@fastify/cookie';
import formbody from '@fastify/formbody';
import type { Database } from '@hatago/db';
import { html } from '@hatago/platform/html';
import { createHttpApp, type HttpApp } from '@hatago/platform/http';
import type { Logger } from '@hatago/platform/logging';
import { registerStaffLogin, rejectCrossSiteWrites, renderErrorPage, renderPage } from '@hatago/web-kit';

export interface OperatorAppDeps {
  database: Database;
  logger: Logger;
  signingSecret: string;
}

export const OPERATOR_SHELL = { brand: 'Hatago Operator Console', brandHref: '/operator/', lang: 'en' as const };

/** The console where support staff and administrators serve guests across every hotel. */
export async function buildOperatorApp(deps: OperatorAppDeps): Promise<HttpApp> {
  const app = createHttpApp({
    service: 'operator',
    logger: deps.logger,
    readiness: () => deps.database.ping(),
    errorPage: (problem) => renderErrorPage(problem, OPERATOR_SHELL),
    apiPrefix: '/operator/api/',
  });
  await app.register(cookie, { secret: deps.signingSecret });
  await app.register(formbody);
  rejectCrossSiteWrites(app);
  registerStaffLogin(app, { kind: 'operator', basePath: '/operator', database: deps.database, shell: OPERATOR_SHELL });
  app.get('/operator/', async (request, reply) => {
    reply.type('text/html; charset=utf-8');
    return renderPage({
      ...OPERATOR_SHELL,
      title: 'Operator console',
      body: html`<h1>${request.staff.name}</h1>`,
    });
  });
  return app;
}
