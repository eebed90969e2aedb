import type { FastifyInstance } from 'fastify';
import { DomainError } from '@hatago/platform/errors';
import { WebKitErrors } from './web-kit-errors.ts';

/**
 * Refuses unsafe requests whose Origin names another site: a second line of defence
 * behind SameSite cookies against cross-site form posts. Requests without Origin (curl,
 * old browsers) pass; they carry no ambient credentials from another site.
 */
export function rejectCrossSiteWrites(app: FastifyInstance<any, any, any, any, any>): void {
  app.addHook('onRequest', async (request) => {
    if (request.method === 'GET' || request.method === 'HEAD' || request.method === 'OPTIONS') return;
    const origin = request.headers.origin;
    if (!origin || origin === 'null') return;
    let host: string;
    try {
      host = new URL(origin).host;
    } catch {
      host = '';
    }
    if (host !== request.headers.host) {
      throw new DomainError('forbidden', WebKitErrors.CROSS_SITE_REQUEST, 'Cross-site form submissions are not accepted');
    }
  });
}
