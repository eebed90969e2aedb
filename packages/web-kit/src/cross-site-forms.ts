import type { FastifyInstance, FastifyRequest } from 'fastify';
import { DomainError } from '@hatago/platform/errors';
import { WebKitErrors } from './web-kit-errors.ts';
import { hasValidFormToken, withFormTokens } from './form-token.ts';
import type { SessionCookieSpec } from './session-cookie.ts';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Refuses state-changing requests another site may have sent, a second line of defence
 * behind SameSite cookies. Browsers name the page a post came from in Origin; `null`
 * (sandboxed frames, data: URLs, some redirects) names no site and is refused. Without
 * Origin, Referer decides; without either (privacy tools, old browsers), a request that
 * carries the session must bring the session's form token, which every posting form of a
 * signed-in page holds. One that carries no session has no credentials to abuse.
 */
export function rejectCrossSiteWrites(app: FastifyInstance<any, any, any, any, any>, session: Pick<SessionCookieSpec, 'name'>): void {
  app.addHook('onRequest', async (request) => {
    if (SAFE_METHODS.has(request.method)) return;
    const source = request.headers.origin ?? request.headers.referer;
    if (source !== undefined && !isSameHost(source, request)) {
      throw new DomainError('forbidden', WebKitErrors.CROSS_SITE_REQUEST, 'Cross-site form submissions are not accepted');
    }
  });

  app.addHook('preValidation', async (request) => {
    if (SAFE_METHODS.has(request.method) || request.headers.origin !== undefined || request.headers.referer !== undefined) return;
    const token = request.cookies[session.name];
    if (token !== undefined && !hasValidFormToken(request, token)) {
      throw new DomainError('forbidden', WebKitErrors.FORM_TOKEN_INVALID, 'This form has expired: reload the page and send it again');
    }
  });

  app.addHook('onSend', async (request, reply, payload) => withFormTokens(reply, payload, request.cookies[session.name]));
}

/** Whether an Origin or Referer names this host; `null` and anything unparsable do not. */
function isSameHost(source: string, request: FastifyRequest): boolean {
  try {
    // through URL on both sides, so `http://localhost:80` and `localhost` compare equal
    return new URL(source).host === new URL(`${request.protocol}://${request.headers.host ?? ''}`).host;
  } catch {
    return false;
  }
}
