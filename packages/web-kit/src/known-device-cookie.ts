import type { FastifyReply, FastifyRequest } from 'fastify';
import type {} from '@fastify/cookie';

/**
 * A device that signed in to an account before: a long-lived cookie, signed with the app's
 * secret so nobody can write one for an account they have not signed in to. While an
 * account is under attack only such devices may sign in to it (see the login throttle).
 */
export interface KnownDeviceSpec {
  name: string;
  path: string;
}

const KNOWN_FOR_SECONDS = 365 * 24 * 60 * 60;

/** What the request's cookie names, if its signature holds. */
export function readKnownDevice(request: FastifyRequest, spec: KnownDeviceSpec): string | undefined {
  const raw = request.cookies[spec.name];
  if (!raw) return undefined;
  const unsigned = request.unsignCookie(raw);
  return unsigned.valid && unsigned.value ? unsigned.value : undefined;
}

export function writeKnownDevice(request: FastifyRequest, reply: FastifyReply, spec: KnownDeviceSpec, device: string): void {
  reply.setCookie(spec.name, device, {
    path: spec.path,
    httpOnly: true,
    sameSite: 'strict',
    secure: request.protocol === 'https',
    maxAge: KNOWN_FOR_SECONDS,
    signed: true,
  });
}
