import type { FastifyReply } from 'fastify';
import { cancelReservation, findReservationForGuest, type Reservation } from '@hatago/booking';
import { DomainError } from '@hatago/platform/errors';
import { html } from '@hatago/platform/html';
import type { HttpApp } from '@hatago/platform/http';
import { field } from '@hatago/web-kit';
import type { GuestServices } from '../deps.ts';
import { type Lang, langOf, localise, t } from './i18n.ts';
import { langField, link, otherLangOf, paramsOf, sendPage } from './page-kit.ts';
import { cancellationPanel, reservationDetails } from './reservation-view.ts';

/** A cancelled reservation, with the fee it cost; shared by guest and member cancellation. */
export function sendCancelled(reply: FastifyReply, reservation: Reservation, lang: Lang, loggedIn = false): string {
  const text = t(lang);
  return sendPage(reply, {
    lang,
    title: text.cancelledTitle,
    cache: 'private',
    loggedIn,
    body: html`<h1>${text.cancelledTitle}</h1>
${reservationDetails(reservation, lang)}
<p><a href="${link('/', {}, lang)}">${text.backToStart}</a></p>`,
  });
}

/**
 * Look-up and cancellation without an account. The code and the email must both match;
 * a wrong pair gets the same answer whichever half is wrong, so nothing leaks.
 */
export function registerReservationPages(app: HttpApp, { database, booking }: GuestServices): void {
  const lookupForm = (reply: FastifyReply, lang: Lang, values: Record<string, string>, options: { status?: number; otherLang?: string } = {}) => {
    const text = t(lang);
    const notFound = options.status === 404;
    return sendPage(reply, {
      lang,
      title: text.lookupTitle,
      // the GET form echoes at most a code from a link; after a POST it echoes an email
      cache: values.email === undefined ? 'public' : 'private',
      status: options.status,
      otherLang: options.otherLang,
      body: html`<h1>${text.lookupTitle}</h1>
<p>${text.lookupText}</p>
${notFound ? html`<div class="alert" role="alert">${text.lookupNotFound}</div>` : ''}
<form class="stack" method="post" action="/reservations/lookup">
  ${field({ name: 'code', label: text.reservationCode, value: values.code, required: true, attrs: { placeholder: 'HT0123456789' } })}
  ${field({ name: 'email', label: text.email, type: 'email', value: values.email, required: true, attrs: { autocomplete: 'email' } })}
  ${langField(lang)}
  <button type="submit">${text.lookup}</button>
</form>`,
    });
  };

  const reservationPage = (reply: FastifyReply, lang: Lang, reservation: Reservation, email: string, alert?: { status: number; message: string }) => {
    const text = t(lang);
    return sendPage(reply, {
      lang,
      title: text.reservationTitle,
      cache: 'private',
      status: alert?.status,
      body: html`<h1>${text.reservationTitle}</h1>
${reservationDetails(reservation, lang)}
${cancellationPanel(reservation, lang, {
  action: `/reservations/${reservation.code}/cancel`,
  fields: { email },
  alert: alert?.message,
})}`,
    });
  };

  app.get('/reservations/lookup', async (request, reply) => {
    const query = paramsOf(request.query);
    const lang = langOf(query.lang);
    return lookupForm(reply, lang, { code: query.code ?? '' }, { otherLang: otherLangOf(request, lang) });
  });

  app.post('/reservations/lookup', async (request, reply) => {
    const values = paramsOf(request.body);
    const lang = langOf(values.lang);
    const email = values.email ?? '';
    try {
      return reservationPage(reply, lang, await findReservationForGuest(database.db, values.code, email), email);
    } catch (error) {
      if (error instanceof DomainError && error.kind === 'not_found') {
        return lookupForm(reply, lang, { code: values.code ?? '', email }, { status: 404 });
      }
      throw error;
    }
  });

  app.post('/reservations/:code/cancel', async (request, reply) => {
    const values = paramsOf(request.body);
    const lang = langOf(values.lang);
    const code = (request.params as { code: string }).code;
    const email = values.email ?? '';
    try {
      if (values.confirm !== 'yes') {
        const reservation = await findReservationForGuest(database.db, code, email);
        return reservationPage(reply, lang, reservation, email, { status: 422, message: t(lang).cancelNeedsConfirm });
      }
      const { reservation } = await cancelReservation(booking, code, { kind: 'guest', email });
      request.log.info({ code: reservation.code, fee: reservation.cancelFee }, 'reservation cancelled from the guest site');
      return sendCancelled(reply, reservation, lang);
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      if (error.kind === 'not_found') return lookupForm(reply, lang, { code, email }, { status: 404 });
      if (error.kind !== 'conflict') throw error;
      const reservation = await findReservationForGuest(database.db, code, email);
      return reservationPage(reply, lang, reservation, email, { status: 409, message: localise(lang, error.message) });
    }
  });
}
