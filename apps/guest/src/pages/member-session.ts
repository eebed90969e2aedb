import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Database } from '@hatago/db';
import { getMember, type Member, resolveSession } from '@hatago/identity';
import { clearSessionCookie, type KnownDeviceSpec, readSessionCookie, type SessionCookieSpec, writeSessionCookie } from '@hatago/web-kit';
import type { Lang } from './i18n.ts';
import { ACCOUNT_HOME, link } from './page-kit.ts';
import { clearSignedInHint, hasSignedInHint, writeSignedInHint } from './signed-in-hint.ts';

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
    forgetEndedSession(request, reply);
    const next = request.method === 'GET' ? request.url : link(ACCOUNT_HOME, {}, lang);
    reply.header('cache-control', 'private, no-store').redirect(link('/login', { next }, lang), 303);
  }
  return member;
}

/** A new session's cookies: the session itself and the hint the account-status script reads. */
export function writeMemberSessionCookies(request: FastifyRequest, reply: FastifyReply, session: { token: string; expiresAt: Date }): void {
  writeSessionCookie(request, reply, MEMBER_COOKIE, session.token, session.expiresAt);
  writeSignedInHint(request, reply, MEMBER_COOKIE, session.expiresAt);
}

export function clearMemberSessionCookies(reply: FastifyReply): void {
  clearSessionCookie(reply, MEMBER_COOKIE);
  clearSignedInHint(reply, MEMBER_COOKIE);
}

/**
 * The request's session turned out gone (expired, ended by a password change elsewhere, or by
 * logging out in another tab): drop the cookies that still claim one, so this browser's script
 * stops asking. Only when it sent either, so an anonymous answer stays without Set-Cookie.
 */
export function forgetEndedSession(request: FastifyRequest, reply: FastifyReply): void {
  if (readSessionCookie(request, MEMBER_COOKIE) !== undefined || hasSignedInHint(request)) clearMemberSessionCookies(reply);
}
