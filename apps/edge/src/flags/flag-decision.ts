import { randomBytes } from 'node:crypto';
import { flagsOn, isVisitorId, PREVIEW_HEADER, PREVIEW_QUERY, previewValues, VISITOR_COOKIE } from '@hatago/flags/evaluation';
import type { RequestView } from '../routing/request-view.ts';
import type { FlagDecision, FlagSnapshot } from './flag-snapshot.ts';

// a year: the stickiness of a split outlives any rollout
const VISITOR_MAX_AGE_SECONDS = 365 * 24 * 3600;

/**
 * The flags on for this request under the feed's snapshot: the visitor cookie's id (minted
 * when a split needs one and the request has no valid one), the preview values of the
 * `preview` query parameter and the X-Hatago-Preview header.
 */
export function decideFlags(snapshot: FlagSnapshot, view: RequestView): FlagDecision {
  if (snapshot.fixed !== undefined) return snapshot.fixed;
  const cookie = view.cookie(VISITOR_COOKIE);
  const minted = !isVisitorId(cookie) && snapshot.needsVisitorId ? newVisitorId() : undefined;
  const on = flagsOn(snapshot.flags, {
    environment: snapshot.environment,
    visitorId: minted ?? (isVisitorId(cookie) ? cookie : undefined),
    previews: previewValues(view.param(PREVIEW_QUERY), view.headers[PREVIEW_HEADER]),
  });
  return { on, header: on.join(','), minted };
}

/** 16 random bytes, base64url: 22 characters, as `isVisitorId` takes them. */
export const newVisitorId = () => randomBytes(16).toString('base64url');

/** The visitor cookie for a minted id; Secure when the client reached us over https. */
export function visitorCookie(id: string, secure: boolean): string {
  return `${VISITOR_COOKIE}=${id}; Path=/; Max-Age=${VISITOR_MAX_AGE_SECONDS}; SameSite=Lax; HttpOnly${secure ? '; Secure' : ''}`;
}

/** The Cookie header the origin gets with a minted id: an invalid visitor cookie the client sent is replaced, never doubled. */
export function withVisitorCookie(cookie: string | undefined, id: string): string {
  const kept = (cookie ?? '')
    .split(';')
    .map((pair) => pair.trim())
    .filter((pair) => {
      const eq = pair.indexOf('=');
      return pair !== '' && (eq === -1 ? pair : pair.slice(0, eq)).trim() !== VISITOR_COOKIE;
    });
  return [...kept, `${VISITOR_COOKIE}=${id}`].join('; ');
}
