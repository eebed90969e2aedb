import type { FastifyReply, FastifyRequest } from 'fastify';
import type {} from '@fastify/cookie';

export interface SessionCookieSpec {
  name: string;
  path: string;
  /** Staff consoles use Strict: no cross-site navigation ever carries their session. */
  sameSite: 'lax' | 'strict';
}

export function readSessionCookie(request: FastifyRequest, spec: SessionCookieSpec): string | undefined {
  return request.cookies[spec.name];
}

export function writeSessionCookie(request: FastifyRequest, reply: FastifyReply, spec: SessionCookieSpec, token: string, expires: Date) {
  reply.setCookie(spec.name, token, {
    path: spec.path,
    httpOnly: true,
    sameSite: spec.sameSite,
    secure: request.protocol === 'https',
    expires,
  });
}

export function clearSessionCookie(reply: FastifyReply, spec: SessionCookieSpec) {
  reply.clearCookie(spec.name, { path: spec.path });
}

/** Client address for throttling, as the edge reported it. */
export const clientOf = (request: FastifyRequest) => request.ip;
