import type { FastifyReply, FastifyRequest } from 'fastify';
import { DomainError } from '@hatago/platform/errors';
import type { HttpApp } from '@hatago/platform/http';
import type { GuestServices } from '../deps.ts';
import { type AnyReservation, reservationKindOf } from '../reservation-kinds.ts';
import { venueOf } from '../reservation-venues.ts';
import { claimLookupAttempt } from '../lookup-attempts.ts';
import { type Lang, langOf, localise, t } from './i18n.ts';
import { otherLangOf, paramsOf, sendPage } from './page-kit.ts';
import { calendarPathBeside, sendCalendar } from './reservation-calendar.ts';
import { cancelledPage, lookupPage, type PageAlert, reservationPage } from './reservation-views.ts';

type CodeParams = { Params: { code: string } };

/**
 * Look-up and cancellation without an account. The code and the email must both match;
 * a wrong pair gets the same answer whichever half is wrong, so nothing leaks, and every
 * try counts towards the look-up limits (per client and per code) before anything is read.
 */
export function registerReservationPages(app: HttpApp, services: GuestServices): void {
  app.get('/reservations/lookup', showLookupForm);
  app.post('/reservations/lookup', (request, reply) => lookUp(services, request, reply));
  app.post<CodeParams>('/reservations/:code/cancel', (request, reply) => cancelAsGuest(services, request, reply));
  // a POST, as the look-up is: the email that proves the guest never goes into a URL
  app.post<CodeParams>(calendarPathBeside('/reservations/:code'), (request, reply) => calendarAsGuest(services, request, reply));
}

async function showLookupForm(request: FastifyRequest, reply: FastifyReply) {
  const query = paramsOf(request.query);
  const lang = langOf(query.lang);
  return sendPage(reply, lookupPage(lang, { code: query.code ?? '' }, { otherLang: otherLangOf(request, lang) }));
}

async function guestReservationPage(services: GuestServices, reply: FastifyReply, lang: Lang, reservation: AnyReservation, email: string, alert?: PageAlert) {
  const venue = await venueOf(services.database.db, reservation);
  const calendar = { action: calendarPathBeside(`/reservations/${reservation.code}`), fields: { email } };
  return sendPage(reply, reservationPage(reservation, venue, lang, { cancelAction: `/reservations/${reservation.code}/cancel`, fields: { email }, calendar, alert }));
}

// a wrong pair and too many tries both send the guest back to the form, with the reason
const REFUSAL_STATUS: Partial<Record<DomainError['kind'], number>> = { not_found: 404, rate_limited: 429 };

async function lookUp(services: GuestServices, request: FastifyRequest, reply: FastifyReply) {
  const values = paramsOf(request.body);
  const lang = langOf(values.lang);
  const email = values.email ?? '';
  const reservation = await findAsGuest(services, request, reply, { lang, code: values.code ?? '', email });
  return typeof reservation === 'string' ? reservation : guestReservationPage(services, reply, lang, reservation, email);
}

/** The look-up's check, each try counted: the reservation, or the look-up form again with why not. */
async function findAsGuest(
  services: GuestServices,
  request: FastifyRequest,
  reply: FastifyReply,
  asked: { lang: Lang; code: string; email: string },
): Promise<AnyReservation | string> {
  try {
    await claimLookupAttempt(services, request, reply, asked.code);
    return await reservationKindOf(asked.code).find(services.database.db, asked.code, asked.email);
  } catch (error) {
    const status = error instanceof DomainError ? REFUSAL_STATUS[error.kind] : undefined;
    if (status) return sendPage(reply, lookupPage(asked.lang, { code: asked.code, email: asked.email }, { status }));
    throw error;
  }
}

async function calendarAsGuest(services: GuestServices, request: FastifyRequest<CodeParams>, reply: FastifyReply) {
  const values = paramsOf(request.body);
  const lang = langOf(values.lang);
  const reservation = await findAsGuest(services, request, reply, { lang, code: request.params.code, email: values.email ?? '' });
  return typeof reservation === 'string' ? reservation : sendCalendar(services, reply, reservation, lang);
}

async function cancelAsGuest(services: GuestServices, request: FastifyRequest<CodeParams>, reply: FastifyReply) {
  const { database } = services;
  const kind = reservationKindOf(request.params.code);
  const values = paramsOf(request.body);
  const lang = langOf(values.lang);
  const code = request.params.code;
  const email = values.email ?? '';
  try {
    await claimLookupAttempt(services, request, reply, code);
    if (values.confirm !== 'yes') {
      const reservation = await kind.find(database.db, code, email);
      return guestReservationPage(services, reply, lang, reservation, email, { status: 422, message: t(lang).cancelNeedsConfirm });
    }
    const reservation = await kind.cancel(services, code, { kind: 'guest', email });
    request.log.info({ code: reservation.code, fee: reservation.cancelFee }, 'reservation cancelled from the guest site');
    return sendPage(reply, cancelledPage(reservation, await venueOf(database.db, reservation), lang));
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    const status = REFUSAL_STATUS[error.kind];
    if (status) return sendPage(reply, lookupPage(lang, { code, email }, { status }));
    if (error.kind !== 'conflict') throw error;
    const reservation = await kind.find(database.db, code, email);
    return guestReservationPage(services, reply, lang, reservation, email, { status: 409, message: localise(lang, error.message) });
  }
}
