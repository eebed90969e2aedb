import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Database } from '@hatago/db';
import { getMember, type Member, resolveSession } from '@hatago/identity';
import { type KnownDeviceSpec, readSessionCookie, type SessionCookieSpec } from '@hatago/web-kit';
import type { Lang } from './i18n.ts';
import { ACCOUNT_HOME, link } from './page-kit.ts';

export { ACCOUNT_HOME } from './page-kit.ts';

/** Lax, not Strict: a guest following a link from a confirmation mail arrives logged in. */
export const MEMBER_COOKIE: SessionCookieSpec = { name: 'hatago_member', path: '/', sameSite: 'lax' };

/** Marks a device a member signed in from, or reset their password on: see the login throttle. */
export const MEMBER_DEVICE: KnownDeviceSpec = { name: 'hatago_member_device', path: '/' };

export async function currentMember(database: Database, request: FastifyRequest): Promise<Member | undefined> {
  const id = await resolveSession(database.db, 'member', readSessionCookie(request, MEMBER_COOKIE));
  return id === undefined ? undefined : getMember(database.db, id);
}

/** The signed-in member, or undefined after sending the guest to the login form. */
export async function requireMember(database: Database, request: FastifyRequest, reply: FastifyReply, lang: Lang): Promise<Member | undefined> {
  const member = await currentMember(database, request);
  if (!member) {
    const next = request.method === 'GET' ? request.url : link(ACCOUNT_HOME, {}, lang);
    reply.header('cache-control', 'private, no-store').redirect(link('/login', { next }, lang), 303);
  }
  return member;
}
