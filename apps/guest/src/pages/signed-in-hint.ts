import type { FastifyReply, FastifyRequest } from 'fastify';
import type { SessionCookieSpec } from '@hatago/web-kit';

/**
 * A cookie the account-status script can read, saying only that this browser holds a member
 * session: visitors without it (nearly everyone) never ask the private `/account/status`, so a
 * page view the edge answers from its cache reaches no guest instance. It names nobody; the
 * session cookie stays HttpOnly and decides. It follows the session cookie (`session`): same
 * path, SameSite and expiry. Written and cleared only on private answers (login, logout,
 * account pages, the status endpoint): a Set-Cookie would keep a shared page out of the edge's cache.
 */
export const SIGNED_IN_HINT = { name: 'hatago_signed_in', value: '1' } as const;

export function writeSignedInHint(request: FastifyRequest, reply: FastifyReply, session: SessionCookieSpec, expires: Date): void {
  reply.setCookie(SIGNED_IN_HINT.name, SIGNED_IN_HINT.value, {
    path: session.path,
    httpOnly: false,
    sameSite: session.sameSite,
    secure: request.protocol === 'https',
    expires,
  });
}

export const hasSignedInHint = (request: FastifyRequest): boolean => request.cookies[SIGNED_IN_HINT.name] !== undefined;

export function clearSignedInHint(reply: FastifyReply, session: SessionCookieSpec): void {
  reply.clearCookie(SIGNED_IN_HINT.name, { path: session.path });
}
