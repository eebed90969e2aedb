import type { FastifyReply, FastifyRequest } from 'fastify';
import {
  addSavedGuest,
  changeMemberPassword,
  confirmEmailChange,
  getSavedGuest,
  listSavedGuests,
  type Member,
  removeSavedGuest,
  requestEmailChange,
  updateMemberProfile,
  updateSavedGuest,
} from '@hatago/identity';
import { DomainError, type FieldError } from '@hatago/platform/errors';
import type { HttpApp } from '@hatago/platform/http';
import type { GuestServices } from '../deps.ts';
import {
  type AccountForm,
  EMAIL_CONFIRM_PATH,
  EMAIL_PATH,
  emailChangePage,
  PASSWORD_PATH,
  PROFILE_PATH,
  passwordPage,
  profilePage,
  SAVED_GUESTS_PATH,
} from './account-views.ts';
import { type Lang, langOf, localise, t } from './i18n.ts';
import { startSession } from './member-pages.ts';
import { requireMember } from './member-session.ts';
import { link, localiseErrors, notFoundPage, noticePage, paramsOf, sendPage } from './page-kit.ts';
import { savedGuestEditPage, savedGuestPath, savedGuestsPage } from './saved-guest-views.ts';

type IdParams = { Params: { id: string } };
type Handler<P = object> = (member: Member, lang: Lang, values: Record<string, string>, request: FastifyRequest<P & object>, reply: FastifyReply) => Promise<unknown>;

const DONE = { saved: 'profileSaved', sent: 'emailChangeSent', changed: 'passwordChanged', added: 'savedGuestAdded', updated: 'savedGuestUpdated', removed: 'savedGuestRemoved' } as const;

/** A member's profile, email address, password and saved guests; each a form that posts back and redirects (PRG) with what it did. */
export function registerAccountPages(app: HttpApp, services: GuestServices): void {
  const { database, rateLimiter } = services;
  /** Signed-in only, with the language and fields of the query (GET) or form (POST). */
  const route =
    <P>(handler: Handler<P>) =>
    async (request: FastifyRequest<P & object>, reply: FastifyReply) => {
      const values = paramsOf(request.method === 'GET' ? request.query : request.body);
      const lang = langOf(values.lang);
      const member = await requireMember(database, request, reply, lang);
      return member ? handler(member, lang, values, request, reply) : reply;
    };

  app.get(PROFILE_PATH, route(async (member, lang, values, _request, reply) => sendPage(reply, profilePage(lang, member, { notice: noticeOf(lang, values.done, ['saved']) }))));
  app.post(
    PROFILE_PATH,
    route(async (member, lang, values, request, reply) => {
      const sentBack = await refused(lang, () => updateMemberProfile(database.db, member.id, values));
      if (sentBack) return sendPage(reply, profilePage(lang, member, { values, ...sentBack }));
      request.log.info({ memberId: member.id }, 'member profile changed');
      return done(reply, PROFILE_PATH, 'saved', lang);
    }),
  );

  app.get(EMAIL_PATH, route(async (member, lang, values, _request, reply) => sendPage(reply, emailChangePage(lang, member, { notice: noticeOf(lang, values.done, ['sent']) }))));
  app.post(
    EMAIL_PATH,
    route(async (member, lang, values, request, reply) => {
      const base = services.publicBaseUrl.replace(/\/+$/, '');
      const confirmUrl = (token: string, locale: Lang) => `${base}${link(EMAIL_CONFIRM_PATH, { token }, locale)}`;
      const change = { memberId: member.id, newEmail: values.email, currentPassword: values.currentPassword, confirmUrl };
      const sentBack = await refused(lang, () => requestEmailChange(database.db, rateLimiter, change));
      if (sentBack) return sendPage(reply, emailChangePage(lang, member, { values: { email: values.email ?? '' }, ...sentBack }));
      request.log.info({ memberId: member.id }, 'member email change asked for');
      return done(reply, EMAIL_PATH, 'sent', lang);
    }),
  );
  app.get(EMAIL_CONFIRM_PATH, (request, reply) => confirmEmail(services, request, reply));

  app.get(PASSWORD_PATH, route(async (_member, lang, values, _request, reply) => sendPage(reply, passwordPage(lang, { notice: noticeOf(lang, values.done, ['changed']) }))));
  app.post(
    PASSWORD_PATH,
    route(async (member, lang, values, request, reply) => {
      const change = { memberId: member.id, currentPassword: values.currentPassword, newPassword: values.password };
      const sentBack = await refused(lang, () => changeMemberPassword(database.db, rateLimiter, change));
      if (sentBack) return sendPage(reply, passwordPage(lang, sentBack));
      request.log.info({ memberId: member.id }, 'member password changed, every session ended');
      // every session ended with the change, this one too: the member goes on in a new one
      return startSession(database, request, reply, member, link(PASSWORD_PATH, { done: 'changed' }, lang));
    }),
  );

  app.get(SAVED_GUESTS_PATH, route(async (member, lang, values, _request, reply) => sendPage(reply, savedGuestsPage(lang, await listSavedGuests(database.db, member.id), { notice: noticeOf(lang, values.done, ['added', 'updated', 'removed']) }))));
  app.post(
    SAVED_GUESTS_PATH,
    route(async (member, lang, values, _request, reply) => {
      const sentBack = await refused(lang, () => addSavedGuest(database.db, member.id, values));
      if (sentBack) return sendPage(reply, savedGuestsPage(lang, await listSavedGuests(database.db, member.id), { values, ...sentBack }));
      return done(reply, SAVED_GUESTS_PATH, 'added', lang);
    }),
  );
  app.get<IdParams>(
    savedGuestPath(':id'),
    route<IdParams>(async (member, lang, _values, request, reply) => {
      const guest = await getSavedGuest(database.db, member.id, request.params.id).catch(notFound);
      return guest ? sendPage(reply, savedGuestEditPage(lang, guest)) : savedGuestNotFound(reply, lang);
    }),
  );
  app.post<IdParams>(
    savedGuestPath(':id'),
    route<IdParams>(async (member, lang, values, request, reply) => {
      const guest = await getSavedGuest(database.db, member.id, request.params.id).catch(notFound);
      if (!guest) return savedGuestNotFound(reply, lang);
      const sentBack = await refused(lang, () => updateSavedGuest(database.db, member.id, guest.id, values));
      if (sentBack) return sendPage(reply, savedGuestEditPage(lang, guest, { values, ...sentBack }));
      return done(reply, SAVED_GUESTS_PATH, 'updated', lang);
    }),
  );
  app.post<IdParams>(
    `${savedGuestPath(':id')}/delete`,
    route<IdParams>(async (member, lang, _values, request, reply) => {
      const removed = await removeSavedGuest(database.db, member.id, request.params.id).then(() => true, notFound);
      return removed ? done(reply, SAVED_GUESTS_PATH, 'removed', lang) : savedGuestNotFound(reply, lang);
    }),
  );
}

/**
 * Opens the link mailed to a new address: the link is the proof, so no session is needed.
 * A link that does not work and an address taken meanwhile each get their page; neither changed anything.
 */
async function confirmEmail({ database }: GuestServices, request: FastifyRequest, reply: FastifyReply) {
  const query = paramsOf(request.query);
  const lang = langOf(query.lang);
  const text = t(lang);
  // the token is in the URL: no other site may learn it from a Referer
  reply.header('referrer-policy', 'no-referrer');
  try {
    const { memberId, email } = await confirmEmailChange(database.db, query.token);
    request.log.info({ memberId }, 'member email changed');
    const back = { href: link(PROFILE_PATH, {}, lang), label: text.profileTitle };
    return sendPage(reply, noticePage(lang, { title: text.emailChangedTitle, message: text.emailChanged(email), back, status: 200, cache: 'private' }));
  } catch (error) {
    if (!(error instanceof DomainError) || (error.kind !== 'not_found' && error.kind !== 'conflict')) throw error;
    const taken = error.kind === 'conflict';
    const back = { href: link(EMAIL_PATH, {}, lang), label: text.toEmailChange };
    const [title, message] = taken ? [text.emailTakenTitle, text.emailTaken] : [text.emailLinkInvalidTitle, text.emailLinkInvalid];
    return sendPage(reply, noticePage(lang, { title, message, back, status: taken ? 409 : 410, cache: 'private' }));
  }
}

/**
 * Runs a change and, when the domain refuses it, what the form shows: each field's error
 * (422) or, for too many tries, one alert (429). Anything else is not the guest's to fix.
 */
async function refused(lang: Lang, change: () => Promise<unknown>): Promise<Omit<AccountForm, 'values'> | undefined> {
  try {
    await change();
    return undefined;
  } catch (error) {
    if (!(error instanceof DomainError) || !['invalid', 'rate_limited'].includes(error.kind)) throw error;
    const errors: FieldError[] = error.kind === 'invalid' ? localiseErrors(lang, error.fields) : [{ field: 'form', message: localise(lang, error.message) }];
    return { errors, status: error.kind === 'invalid' ? 422 : 429 };
  }
}

/** Another member's saved guest, or one that never was, is simply not found. */
function notFound(error: unknown): undefined {
  if (error instanceof DomainError && error.kind === 'not_found') return undefined;
  throw error;
}

const savedGuestNotFound = (reply: FastifyReply, lang: Lang): string => notFoundPage(reply, lang, t(lang).savedGuestNotFound, 'private');

function done(reply: FastifyReply, path: string, what: keyof typeof DONE, lang: Lang) {
  return reply.header('cache-control', 'private, no-store').redirect(link(path, { done: what }, lang), 303);
}

/** What the redirect after a change of this page's said it did; anything else in `done` says nothing. */
function noticeOf(lang: Lang, what: string | undefined, ofThisPage: ReadonlyArray<keyof typeof DONE>): string | undefined {
  const known = ofThisPage.find((w) => w === what);
  return known ? t(lang)[DONE[known]] : undefined;
}

