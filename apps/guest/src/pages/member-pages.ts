import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Database } from '@hatago/db';
import { createSession, endSession, knownDeviceOf, logInMember, type Member, signUpMember, verifyMemberEmail } from '@hatago/identity';
import { DomainError } from '@hatago/platform/errors';
import { tokyoToday } from '@hatago/platform/time';
import type { HttpApp } from '@hatago/platform/http';
import { clientOf, localRedirect, readKnownDevice, readSessionCookie, writeKnownDevice } from '@hatago/web-kit';
import type { GuestServices } from '../deps.ts';
import { type AnyReservation, listMemberReservationsOfEveryKind, reservationKindOf } from '../reservation-kinds.ts';
import { venueOf } from '../reservation-venues.ts';
import { type Lang, langOf, localise, t } from './i18n.ts';
import { ACCOUNT_HOME, clearMemberSessionCookies, MEMBER_COOKIE, MEMBER_DEVICE, requireMember, writeMemberSessionCookies } from './member-session.ts';
import { loginPage, type MemberForm, memberReservationPage, reservationsPage, signUpPage } from './member-views.ts';
import { type GuestPage, link, localiseErrors, notFoundPage, paramsOf, sendPage } from './page-kit.ts';
import { calendarPathBeside, sendCalendar } from './reservation-calendar.ts';
import { cancelledPage } from './reservation-views.ts';
import { emailVerifiedPage, signUpSentPage, VERIFY_PATH, verifyLinkInvalidPage } from './sign-up-views.ts';

type CodeParams = { Params: { code: string } };

const DOMAIN_STATUS: Partial<Record<DomainError['kind'], number>> = { invalid: 422, unauthorized: 401, rate_limited: 429 };

export function registerMemberPages(app: HttpApp, services: GuestServices): void {
  app.get('/signup', showBlankForm(signUpPage));
  app.post('/signup', (request, reply) => signUp(services, request, reply));
  app.get(VERIFY_PATH, (request, reply) => verifyEmail(services, request, reply));
  app.get('/login', showBlankForm(loginPage));
  app.post('/login', (request, reply) => logIn(services, request, reply));
  app.post('/logout', (request, reply) => logOut(services, request, reply));
  app.get(ACCOUNT_HOME, (request, reply) => showAccount(services, request, reply));
  app.get<CodeParams>(`${ACCOUNT_HOME}/:code`, (request, reply) => showOwnReservation(services, request, reply));
  app.post<CodeParams>(`${ACCOUNT_HOME}/:code/cancel`, (request, reply) => cancelAsMember(services, request, reply));
  app.get<CodeParams>(calendarPathBeside(`${ACCOUNT_HOME}/:code`), (request, reply) => calendarOfOwn(services, request, reply));
}

const safeNext = (next: string | undefined, lang: Lang): string => localRedirect(next, link(ACCOUNT_HOME, {}, lang));

/** Signs the member in on this device (a new session, also after a password change) and sends them on. */
export async function startSession(database: Database, request: FastifyRequest, reply: FastifyReply, member: Member, next: string) {
  const session = await createSession(database.db, 'member', member.id);
  writeMemberSessionCookies(request, reply, session);
  writeKnownDevice(request, reply, MEMBER_DEVICE, knownDeviceOf('member', member.id));
  reply.header('cache-control', 'private, no-store');
  return reply.redirect(next, 303);
}

/** A reservation of this member's, or the 404 page: other people's codes look like unknown ones. */
async function ownReservation(database: Database, reply: FastifyReply, lang: Lang, member: Member, code: string): Promise<AnyReservation | string> {
  try {
    const reservation = await reservationKindOf(code).get(database.db, code);
    if (reservation.memberId === member.id) return reservation;
  } catch (error) {
    if (!(error instanceof DomainError && error.kind === 'not_found')) throw error;
  }
  return notFoundPage(reply, lang, t(lang).lookupNotFound, 'private');
}

/** A blank sign-up or login form that returns the member to where the link said. */
const showBlankForm = (page: (form: MemberForm) => GuestPage) => async (request: FastifyRequest, reply: FastifyReply) => {
  const query = paramsOf(request.query);
  return sendPage(reply, page({ lang: langOf(query.lang), values: { next: query.next ?? '' } }));
};

/**
 * Every accepted sign-up gets the same page and no session, registered address or not:
 * only the mail tells the owner of the address which it was.
 */
async function signUp({ database, rateLimiter, publicBaseUrl }: GuestServices, request: FastifyRequest, reply: FastifyReply) {
  const values = paramsOf(request.body);
  const lang = langOf(values.lang);
  const base = publicBaseUrl.replace(/\/+$/, '');
  try {
    const verifyUrl = (token: string) => `${base}${link(VERIFY_PATH, { token }, lang)}`;
    const member = await signUpMember(database.db, values, { client: clientOf(request), locale: lang, verifyUrl }, rateLimiter);
    request.log.info({ memberId: member?.id, registered: !member }, 'member sign-up accepted');
    return sendPage(reply, signUpSentPage(lang));
  } catch (error) {
    if (!(error instanceof DomainError) || !['invalid', 'rate_limited'].includes(error.kind)) throw error;
    const errors = error.kind === 'invalid' ? localiseErrors(lang, error.fields) : [{ field: 'form', message: localise(lang, error.message) }];
    return sendPage(reply, signUpPage({ lang, values, errors, status: DOMAIN_STATUS[error.kind] }));
  }
}

async function verifyEmail({ database }: GuestServices, request: FastifyRequest, reply: FastifyReply) {
  const query = paramsOf(request.query);
  const lang = langOf(query.lang);
  // the token is in the URL: no other site may learn it from a Referer
  reply.header('referrer-policy', 'no-referrer');
  try {
    const { memberId } = await verifyMemberEmail(database.db, query.token, lang);
    request.log.info({ memberId }, 'member email verified');
    return sendPage(reply, emailVerifiedPage(lang));
  } catch (error) {
    if (!(error instanceof DomainError && error.kind === 'not_found')) throw error;
    return sendPage(reply, verifyLinkInvalidPage(lang));
  }
}

async function logIn({ database, rateLimiter }: GuestServices, request: FastifyRequest, reply: FastifyReply) {
  const values = paramsOf(request.body);
  const lang = langOf(values.lang);
  const email = (values.email ?? '').slice(0, 254);
  try {
    const attempt = { email, password: values.password ?? '', client: clientOf(request), knownDevice: readKnownDevice(request, MEMBER_DEVICE) };
    const member = await logInMember(database.db, attempt, rateLimiter);
    return await startSession(database, request, reply, member, safeNext(values.next, lang));
  } catch (error) {
    if (!(error instanceof DomainError) || (error.kind !== 'unauthorized' && error.kind !== 'rate_limited')) throw error;
    if (error.kind === 'rate_limited') request.log.warn({ code: error.code }, 'member login refused by the throttle');
    const errors = [{ field: 'form', message: localise(lang, error.message) }];
    return sendPage(reply, loginPage({ lang, values: { email, next: values.next ?? '' }, errors, status: DOMAIN_STATUS[error.kind] }));
  }
}

async function logOut({ database }: GuestServices, request: FastifyRequest, reply: FastifyReply) {
  const lang = langOf(paramsOf(request.body).lang);
  await endSession(database.db, readSessionCookie(request, MEMBER_COOKIE));
  clearMemberSessionCookies(reply);
  reply.header('cache-control', 'private, no-store');
  return reply.redirect(link('/', {}, lang), 303);
}

async function showAccount({ database, now }: GuestServices, request: FastifyRequest, reply: FastifyReply) {
  const lang = langOf(paramsOf(request.query).lang);
  const member = await requireMember(database, request, reply, lang);
  if (!member) return reply;
  return sendPage(reply, reservationsPage(lang, member, await listMemberReservationsOfEveryKind(database.db, member.id), tokyoToday(now())));
}

async function showOwnReservation({ database }: GuestServices, request: FastifyRequest<CodeParams>, reply: FastifyReply) {
  const lang = langOf(paramsOf(request.query).lang);
  const member = await requireMember(database, request, reply, lang);
  if (!member) return reply;
  const reservation = await ownReservation(database, reply, lang, member, request.params.code);
  return typeof reservation === 'string' ? reservation : sendPage(reply, memberReservationPage(lang, reservation, await venueOf(database.db, reservation)));
}

async function calendarOfOwn(services: GuestServices, request: FastifyRequest<CodeParams>, reply: FastifyReply) {
  const { database } = services;
  const lang = langOf(paramsOf(request.query).lang);
  const member = await requireMember(database, request, reply, lang);
  if (!member) return reply;
  const reservation = await ownReservation(database, reply, lang, member, request.params.code);
  if (typeof reservation === 'string') return reservation;
  return sendCalendar(services, reply, reservation, lang);
}

async function cancelAsMember(services: GuestServices, request: FastifyRequest<CodeParams>, reply: FastifyReply) {
  const { database } = services;
  const values = paramsOf(request.body);
  const lang = langOf(values.lang);
  const member = await requireMember(database, request, reply, lang);
  if (!member) return reply;
  const reservation = await ownReservation(database, reply, lang, member, request.params.code);
  if (typeof reservation === 'string') return reservation;
  const venue = await venueOf(database.db, reservation);
  if (values.confirm !== 'yes') return sendPage(reply, memberReservationPage(lang, reservation, venue, { status: 422, message: t(lang).cancelNeedsConfirm }));
  try {
    const cancelled = await reservationKindOf(reservation.code).cancel(services, reservation.code, { kind: 'member', memberId: member.id });
    request.log.info({ code: reservation.code, fee: cancelled.cancelFee }, 'reservation cancelled by its member');
    return sendPage(reply, cancelledPage(cancelled, venue, lang, true));
  } catch (error) {
    if (!(error instanceof DomainError && error.kind === 'conflict')) throw error;
    return sendPage(reply, memberReservationPage(lang, reservation, venue, { status: 409, message: localise(lang, error.message) }));
  }
}
