import type { FastifyRequest } from 'fastify';
import type { Database } from '@hatago/db';
import { getMember, type Member, resolveSession } from '@hatago/identity';
import { type KnownDeviceSpec, readSessionCookie, type SessionCookieSpec } from '@hatago/web-kit';

/** Lax, not Strict: a guest following a link from a confirmation mail arrives logged in. */
export const MEMBER_COOKIE: SessionCookieSpec = { name: 'hatago_member', path: '/', sameSite: 'lax' };

/** Marks a device a member signed in from, or reset their password on: see the login throttle. */
export const MEMBER_DEVICE: KnownDeviceSpec = { name: 'hatago_member_device', path: '/' };

export async function currentMember(database: Database, request: FastifyRequest): Promise<Member | undefined> {
  const id = await resolveSession(database.db, 'member', readSessionCookie(request, MEMBER_COOKIE));
  return id === undefined ? undefined : getMember(database.db, id);
}
