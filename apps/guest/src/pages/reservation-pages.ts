import type { FastifyReply, FastifyRequest } from 'fastify';
import { cancelReservation, findReservationForGuest, type Reservation } from '@hatago/booking';
import { DomainError } from '@hatago/platform/errors';
import type { HttpApp } from '@hatago/platform/http';
import type { GuestServices } from '../deps.ts';
import { type Lang, langOf, localise, t } from './i18n.ts';
import { otherLangOf, paramsOf, sendPage } from './page-kit.ts';
import { cancelledPage, lookupPage, type PageAlert, reservationPage } from './reservation-views.ts';

type CodeParams = { Params: { code: string } };

/**
 * Look-up and cancellation without an account. The code and the email must both match;
 * a wrong pair gets the same answer whichever half is wrong, so nothing leaks.
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

const guestReservationPage = (reply: FastifyReply, lang: Lang, reservation: Reservation, email: string, alert?: PageAlert) =>
  sendPage(reply, reservationPage(reservation, lang, { cancelAction: `/reservations/${reservation.code}/cancel`, fields: { email }, alert }));

async function lookUp({ database }: GuestServices, request: FastifyRequest, reply: FastifyReply) {
  const values = paramsOf(request.body);
  const lang = langOf(values.lang);
  const email = values.email ?? '';
  try {
    return guestReservationPage(reply, lang, await findReservationForGuest(database.db, values.code, email), email);
  } catch (error) {
    if (error instanceof DomainError && error.kind === 'not_found') {
      return sendPage(reply, lookupPage(lang, { code: values.code ?? '', email }, { status: 404 }));
    }
    throw error;
  }
}

async function cancelAsGuest({ database, booking }: GuestServices, request: FastifyRequest<CodeParams>, reply: FastifyReply) {
  const values = paramsOf(request.body);
  const lang = langOf(values.lang);
  const code = request.params.code;
  const email = values.email ?? '';
  try {
    if (values.confirm !== 'yes') {
      const reservation = await findReservationForGuest(database.db, code, email);
      return guestReservationPage(reply, lang, reservation, email, { status: 422, message: t(lang).cancelNeedsConfirm });
    }
    const { reservation } = await cancelReservation(booking, code, { kind: 'guest', email });
    request.log.info({ code: reservation.code, fee: reservation.cancelFee }, 'reservation cancelled from the guest site');
    return sendPage(reply, cancelledPage(reservation, lang));
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    if (error.kind === 'not_found') return sendPage(reply, lookupPage(lang, { code, email }, { status: 404 }));
    if (error.kind !== 'conflict') throw error;
    const reservation = await findReservationForGuest(database.db, code, email);
    return guestReservationPage(reply, lang, reservation, email, { status: 409, message: localise(lang, error.message) });
  }
}
