import { createHmac, timingSafeEqual } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type {} from '@fastify/cookie';

/** The hidden field carrying the token in every posted form of a signed-in page. */
export const FORM_TOKEN_FIELD = '_csrf';

/**
 * The session's form token: an HMAC keyed by the session cookie's own secret, so it takes
 * no storage, changes with every session, cannot be made without the (HttpOnly) cookie
 * and does not reveal it.
 */
export const formTokenOf = (session: string) => createHmac('sha256', session).update('hatago form token').digest('base64url');

export function hasValidFormToken(request: FastifyRequest, session: string): boolean {
  const sent = (request.body as Record<string, unknown> | undefined)?.[FORM_TOKEN_FIELD];
  if (typeof sent !== 'string') return false;
  const expected = Buffer.from(formTokenOf(session));
  const given = Buffer.from(sent);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/**
 * Adds the token to every posting form of a page rendered for this session. Only pages
 * no shared cache may keep (private or no-store) carry it: the edge caches public pages
 * for everyone, and one visitor's token must never be served to another.
 */
export function withFormTokens(reply: FastifyReply, payload: unknown, session: string | undefined): unknown {
  if (!session || typeof payload !== 'string') return payload;
  if (!String(reply.getHeader('content-type') ?? '').startsWith('text/html')) return payload;
  const cacheControl = String(reply.getHeader('cache-control') ?? '');
  if (/\bpublic\b/.test(cacheControl) || !/\b(private|no-store)\b/.test(cacheControl)) return payload;
  const field = `<input type="hidden" name="${FORM_TOKEN_FIELD}" value="${formTokenOf(session)}">`;
  return payload.replace(/<form\b[^>]*\bmethod="post"[^>]*>/gi, (form) => form + field);
}
