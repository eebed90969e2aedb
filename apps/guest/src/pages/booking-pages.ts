import { randomUUID } from 'node:crypto';
import type { FastifyReply } from 'fastify';
import { BookingErrors, bookStay, type BookingRequest, getReservationByCode, parseBookingRequest } from '@hatago/booking';
import { CatalogErrors, checkoutOf, quoteStay, type Stay, type StayQuote } from '@hatago/catalog';
import type { Member } from '@hatago/identity';
import { DomainError, type FieldError } from '@hatago/platform/errors';
import { html, type SafeHtml } from '@hatago/platform/html';
import type { HttpApp } from '@hatago/platform/http';
import { parseId } from '@hatago/platform/input';
import { field, formAlert, yen } from '@hatago/web-kit';
import { claimBookingAttempt } from '../booking-attempts.ts';
import type { GuestServices } from '../deps.ts';
import { GuestErrors } from '../guest-errors.ts';
import { type Lang, langOf, localise, planLabel, t } from './i18n.ts';
import { currentMember } from './member-session.ts';
import { hidden, langField, link, localiseErrors, messagePage, notFoundPage, paramsOf, sendPage } from './page-kit.ts';
import { reservationDetails } from './reservation-view.ts';
import { readStay, stayParams } from './stay-form.ts';

/**
 * Proves to the confirmation page that this browser just made the booking, so the page
 * can show it without the email in a URL. Signed, short-lived, and scoped to that one
 * page: it never rides along to cacheable pages (the look-up form), and a second booking
 * gets a cookie of its own instead of replacing the first one's.
 */
const BOOKED_COOKIE = { name: 'hatago_booked', maxAge: 30 * 60 } as const;
const confirmationPath = (code: string) => `/reservations/${code}/confirmation`;

const CONTACT_FIELDS = ['name', 'nameLatin', 'email', 'phone'] as const;

interface LoadedPlan {
  planId: number;
  stay: Stay;
  quote: StayQuote;
}

const bookingRequestOf = (values: Record<string, string>): BookingRequest => ({
  planId: values.planId,
  checkin: values.checkin,
  nights: values.nights,
  guests: values.guests,
  rooms: values.rooms,
  guest: { name: values.name, nameLatin: values.nameLatin, email: values.email, phone: values.phone },
});

export function registerBookingPages(app: HttpApp, services: GuestServices): void {
  const { database, booking } = services;
  /** The plan and stay a booking form carries, priced; or the page that explains why not. */
  async function loadPlan(reply: FastifyReply, values: Record<string, string>, lang: Lang): Promise<LoadedPlan | string> {
    const text = t(lang);
    const planId = parseId(values.planId);
    const { stay, errors } = readStay(values, lang);
    if (planId === undefined) return notFoundPage(reply, lang, text.bookingUnavailable, 'private');
    const unavailable = (status: number, messages: string[]) =>
      sendPage(reply, {
        lang,
        title: text.bookingUnavailable,
        cache: 'private',
        status,
        body: messagePage(text.bookingUnavailable, messages.join(' '), { href: link('/', {}, lang), label: text.backToStart }),
      });
    if (!stay) return unavailable(422, errors.map((e) => e.message));
    try {
      return { planId, stay, quote: await quoteStay(database.db, planId, stay) };
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      if (error.kind === 'not_found') return notFoundPage(reply, lang, text.bookingUnavailable, 'private');
      if (error.kind === 'invalid') return unavailable(422, localiseErrors(lang, error.fields).map((e) => e.message));
      return unavailable(409, [localise(lang, error.message)]);
    }
  }

  function detailsPage(
    reply: FastifyReply,
    page: { lang: Lang; plan: LoadedPlan; values: Record<string, string>; errors?: FieldError[]; member?: Member },
  ): string {
    const { lang, plan, member } = page;
    const text = t(lang);
    const errors = page.errors ?? [];
    const value = (name: (typeof CONTACT_FIELDS)[number]) => page.values[name] ?? member?.[name] ?? '';
    const here = link('/book', { planId: plan.planId, ...stayParams(plan.stay) }, lang);
    return sendPage(reply, {
      lang,
      title: text.bookingTitle,
      cache: 'private',
      status: errors.length ? 422 : 200,
      loggedIn: member !== undefined,
      body: html`<h1>${text.bookingTitle}</h1>
${staySummary(plan, lang)}
<h2>${text.guestDetails}</h2>
${member ? '' : html`<p><a href="${link('/login', { next: here }, lang)}">${text.loginToPrefill}</a></p>`}
${formAlert(errors, [...CONTACT_FIELDS])}
<form class="stack" method="post" action="/book/confirm">
  ${field({ name: 'name', label: text.name, value: value('name'), required: true, attrs: { autocomplete: 'name' } }, errors)}
  ${field({ name: 'nameLatin', label: text.nameLatin, value: value('nameLatin'), required: true, attrs: { placeholder: 'Taro Yamada' } }, errors)}
  ${field({ name: 'email', label: text.email, type: 'email', value: value('email'), required: true, attrs: { autocomplete: 'email' } }, errors)}
  ${field({ name: 'phone', label: text.phone, type: 'tel', value: value('phone'), required: true, attrs: { autocomplete: 'tel' } }, errors)}
  ${hidden({ planId: plan.planId, ...stayParams(plan.stay) })}${langField(lang)}
  <button type="submit">${text.toConfirm}</button>
</form>`,
    });
  }

  app.get('/book', async (request, reply) => {
    const values = paramsOf(request.query);
    const lang = langOf(values.lang);
    const plan = await loadPlan(reply, values, lang);
    if (typeof plan === 'string') return plan;
    return detailsPage(reply, { lang, plan, values: {}, member: await currentMember(database, request) });
  });

  app.post('/book/confirm', async (request, reply) => {
    const values = paramsOf(request.body);
    const lang = langOf(values.lang);
    const plan = await loadPlan(reply, values, lang);
    if (typeof plan === 'string') return plan;
    const member = await currentMember(database, request);
    if (values.edit === 'yes') return detailsPage(reply, { lang, plan, values, member });
    try {
      parseBookingRequest(bookingRequestOf(values), { requireLatinName: true });
    } catch (error) {
      if (!(error instanceof DomainError) || error.kind !== 'invalid') throw error;
      return detailsPage(reply, { lang, plan, values, member, errors: localiseErrors(lang, error.fields) });
    }
    return confirmPage(reply, { lang, plan, values, member });
  });

  /**
   * The last look before booking. The form carries the total shown here, so a price that
   * changes before the guest presses the button is shown again instead of charged.
   */
  function confirmPage(
    reply: FastifyReply,
    page: { lang: Lang; plan: LoadedPlan; values: Record<string, string>; member?: Member; alert?: string; status?: number },
  ): string {
    const { lang, plan, values, member } = page;
    const text = t(lang);
    const carried = { planId: plan.planId, ...stayParams(plan.stay), ...Object.fromEntries(CONTACT_FIELDS.map((f) => [f, values[f]])) };
    return sendPage(reply, {
      lang,
      title: text.confirmTitle,
      cache: 'private',
      status: page.status ?? (page.alert ? 409 : 200),
      loggedIn: member !== undefined,
      body: html`<h1>${text.confirmTitle}</h1>
${page.alert ? html`<div class="alert" role="alert">${page.alert}</div>` : ''}
${staySummary(plan, lang)}
<h2>${text.guestDetails}</h2>
<dl class="summary">
  ${CONTACT_FIELDS.map((f) => html`<dt>${text[f]}</dt><dd>${values[f]}</dd>`)}
</dl>
<form method="post" action="/book">
  ${hidden({ ...carried, expectedTotal: plan.quote.totalPrice, idempotencyKey: randomUUID() })}${langField(lang)}
  <button type="submit" data-testid="confirm-booking">${text.confirmBooking}</button>
</form>
<form method="post" action="/book/confirm">
  ${hidden({ ...carried, edit: 'yes' })}${langField(lang)}
  <button class="secondary" type="submit">${text.editDetails}</button>
</form>`,
    });
  }

  app.post('/book', async (request, reply) => {
    const values = paramsOf(request.body);
    const lang = langOf(values.lang);
    const text = t(lang);
    const member = await currentMember(database, request);
    try {
      await claimBookingAttempt(services, request.ip);
      const { reservation, replayed } = await bookStay(booking, bookingRequestOf(values), {
        idempotencyKey: values.idempotencyKey ?? '',
        memberId: member?.id,
        locale: lang,
        requireLatinName: true,
        // a form without the field (not ours) books at the current price; a garbled one never matches
        expectedTotal: values.expectedTotal === undefined ? undefined : Number(values.expectedTotal),
      });
      request.log.info({ code: reservation.code, replayed }, 'reservation booked from the guest site');
      reply.setCookie(BOOKED_COOKIE.name, reservation.code, {
        path: confirmationPath(reservation.code),
        maxAge: BOOKED_COOKIE.maxAge,
        httpOnly: true,
        sameSite: 'lax',
        secure: request.protocol === 'https',
        signed: true,
      });
      reply.header('cache-control', 'private, no-store');
      return reply.redirect(link(confirmationPath(reservation.code), {}, lang), 303);
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      const plan = await loadPlan(reply, values, lang);
      if (typeof plan === 'string') return plan;
      if (error.kind === 'invalid') return detailsPage(reply, { lang, plan, values, member, errors: localiseErrors(lang, error.fields) });
      if (error.code === BookingErrors.PRICE_CHANGED) return confirmPage(reply, { lang, plan, values, member, alert: text.priceChanged });
      if (error.code === GuestErrors.BOOKING_THROTTLED) return confirmPage(reply, { lang, plan, values, member, alert: text.tooManyBookings, status: 429 });
      if (error.code !== CatalogErrors.SOLD_OUT) throw error;
      const hotel = link(`/hotels/${plan.quote.hotelId}`, stayParams(plan.stay), lang);
      return sendPage(reply, {
        lang,
        title: text.soldOutTitle,
        cache: 'private',
        status: 409,
        body: messagePage(text.soldOutTitle, text.soldOutText, { href: hotel, label: text.backToHotel }),
      });
    }
  });

  app.get('/reservations/:code/confirmation', async (request, reply) => {
    const lang = langOf(paramsOf(request.query).lang);
    const text = t(lang);
    const code = (request.params as { code: string }).code;
    const raw = request.cookies[BOOKED_COOKIE.name];
    const proof = raw ? request.unsignCookie(raw) : undefined;
    reply.header('cache-control', 'private, no-store');
    // without proof of having just booked, the guest looks the booking up with its email
    if (!proof?.valid || proof.value !== code) return reply.redirect(link('/reservations/lookup', { code }, lang), 303);
    const reservation = await getReservationByCode(database.db, code);
    return sendPage(reply, {
      lang,
      title: text.confirmationTitle,
      cache: 'private',
      body: html`<h1>${text.confirmationTitle}</h1>
<p class="notice">${text.confirmationText}</p>
${reservationDetails(reservation, lang)}
<p><a href="${link('/reservations/lookup', { code: reservation.code }, lang)}">${text.navLookup}</a></p>`,
    });
  });
}

function staySummary({ quote, stay }: LoadedPlan, lang: Lang): SafeHtml {
  const text = t(lang);
  return html`<section class="card">
<h2>${text.yourStay}</h2>
<dl class="summary">
  <dt>${text.hotel}</dt><dd>${quote.hotelName[lang]}</dd>
  <dt>${text.roomType}</dt><dd>${quote.roomTypeName[lang]}</dd>
  <dt>${text.plan}</dt><dd>${planLabel(lang, quote.planName[lang], quote.meals)}</dd>
  <dt>${text.checkin}</dt><dd>${stay.checkin}</dd>
  <dt>${text.checkout}</dt><dd>${checkoutOf(stay)}</dd>
  <dt>${text.guests}</dt><dd>${stay.guests}</dd>
  <dt>${text.rooms}</dt><dd>${stay.rooms}</dd>
  <dt>${text.nightlyPrices}</dt><dd>${quote.nightly.map((n) => html`<div>${n.date}: ${yen(n.price * stay.rooms)}</div>`)}</dd>
  <dt>${text.total}</dt><dd class="price" data-testid="booking-total">${yen(quote.totalPrice)}</dd>
  <dt>${text.cancellationPolicy}</dt><dd>${text.cancelPolicy(quote.freeCancelDays, quote.cancelFeePercent)}</dd>
</dl>
</section>`;
}
