import type { FastifyReply, FastifyRequest } from 'fastify';
import { DomainError } from '@hatago/platform/errors';
import type { HttpApp } from '@hatago/platform/http';
import type { GuestServices } from '../deps.ts';
import { type AnyReservation, reservationKindOf } from '../reservation-kinds.ts';
import { claimLookupAttempt } from '../lookup-attempts.ts';
import { type Lang, langOf, localise, t } from './i18n.ts';
import { otherLangOf, paramsOf, sendPage } from './page-kit.ts';
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
}

async function showLookupForm(request: FastifyRequest, reply: FastifyReply) {
  const query = paramsOf(request.query);
  const lang = langOf(query.lang);
  return sendPage(reply, lookupPage(lang, { code: query.code ?? '' }, { otherLang: otherLangOf(request, lang) }));
}

const guestReservationPage = (reply: FastifyReply, lang: Lang, reservation: AnyReservation, email: string, alert?: PageAlert) =>
  sendPage(reply, reservationPage(reservation, lang, { cancelAction: `/reservations/${reservation.code}/cancel`, fields: { email }, alert }));

// a wrong pair and too many tries both send the guest back to the form, with the reason
const REFUSAL_STATUS: Partial<Record<DomainError['kind'], number>> = { not_found: 404, rate_limited: 429 };

async function lookUp(services: GuestServices, request: FastifyRequest, reply: FastifyReply) {
  const values = paramsOf(request.body);
  const lang = langOf(values.lang);
  const email = values.email ?? '';
  try {
    await claimLookupAttempt(services, request, reply, values.code);
    return guestReservationPage(reply, lang, await reservationKindOf(values.code).find(services.database.db, values.code ?? '', email), email);
  } catch (error) {
    const status = error instanceof DomainError ? REFUSAL_STATUS[error.kind] : undefined;
    if (status) return sendPage(reply, lookupPage(lang, { code: values.code ?? '', email }, { status }));
    throw error;
  }
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
      return guestReservationPage(reply, lang, reservation, email, { status: 422, message: t(lang).cancelNeedsConfirm });
    }
    const reservation = await kind.cancel(services, code, { kind: 'guest', email });
    request.log.info({ code: reservation.code, fee: reservation.cancelFee }, 'reservation cancelled from the guest site');
    return sendPage(reply, cancelledPage(reservation, lang));
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    const status = REFUSAL_STATUS[error.kind];
    if (status) return sendPage(reply, lookupPage(lang, { code, email }, { status }));
    if (error.kind !== 'conflict') throw error;
    const reservation = await kind.find(database.db, code, email);
    return guestReservationPage(reply, lang, reservation, email, { status: 409, message: localise(lang, error.message) });
  }
}
