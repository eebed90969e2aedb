import { cancellationTerms, type Reservation } from '@hatago/booking';
import { tableCancellationTerms } from '@hatago/dining';
import { html, type SafeHtml } from '@hatago/platform/html';
import { tokyoToday } from '@hatago/platform/time';
import { field, yen } from '@hatago/web-kit';
import { type Lang, planLabel, t } from './i18n.ts';
import { type AnyReservation, isTableReservation } from '../reservation-kinds.ts';
import type { Venue } from '../reservation-venues.ts';
import { formatDate, formatTime } from './formats.ts';
import { type GuestPage, hidden, langField, link, titledPage } from './page-kit.ts';
import { type CalendarLink, RESERVATION_PRINT_CSS, reservationActions } from './reservation-actions-views.ts';
import { tableReservationDetails } from './table-reservation-views.ts';
import { accommodationTaxRow } from './price-breakdown-view.ts';
import { paymentText } from './stay-details-fields.ts';

/** A message above the cancellation form, with the status it answers with. */
export interface PageAlert {
  status: number;
  message: string;
}

/** One reservation as a guest sees it, with where to go: on the confirmation, look-up and account pages. */
export const reservationDetails = (reservation: AnyReservation, venue: Venue, lang: Lang): SafeHtml =>
  isTableReservation(reservation) ? tableReservationDetails(reservation, venue, lang) : stayDetails(reservation, venue, lang);

function stayDetails(reservation: Reservation, venue: Venue, lang: Lang): SafeHtml {
  const text = t(lang);
  const policy = reservation.cancellationPolicy;
  const when = (date: string, time: string | undefined, phrase: (time: string) => string) =>
    time ? `${formatDate(lang, date)} ${phrase(formatTime(lang, time))}` : formatDate(lang, date);
  return html`<dl class="summary">
  <dt>${text.reservationCode}</dt><dd class="code" data-testid="reservation-code">${reservation.code}</dd>
  <dt>${text.status}</dt><dd data-testid="reservation-status" data-status="${reservation.status}">${
    text.stayStatus[reservation.status]
  }</dd>
  <dt>${text.hotel}</dt><dd>${reservation.hotelName}</dd>
  <dt>${text.address}</dt><dd data-testid="venue-address">${venue.address}</dd>
  ${venue.email ? html`<dt>${text.frontDesk}</dt><dd><a data-testid="venue-email" href="mailto:${venue.email}">${venue.email}</a></dd>` : ''}
  <dt>${text.roomType}</dt><dd>${reservation.roomTypeName}</dd>
  <dt>${text.plan}</dt><dd>${planLabel(lang, reservation.planName, reservation.meals)}</dd>
  <dt>${text.checkin}</dt><dd data-testid="checkin">${when(reservation.checkin, venue.hours?.checkin, text.arrivalFrom)}</dd>
  <dt>${text.checkout}</dt><dd data-testid="checkout">${when(reservation.checkout, venue.hours?.checkout, text.departureBy)}</dd>
  <dt>${text.nights}</dt><dd>${reservation.nights}</dd>
  <dt>${text.guests}</dt><dd data-testid="party">${text.partyOf(reservation.adults, reservation.children)}</dd>
  <dt>${text.rooms}</dt><dd>${reservation.rooms}</dd>
  <dt>${text.arrivalTime}</dt><dd data-testid="arrival-time">${reservation.arrivalTime ?? text.arrivalUndecided}</dd>
  ${reservation.requests ? html`<dt>${text.stayRequests}</dt><dd data-testid="requests">${reservation.requests}</dd>` : ''}
  <dt>${text.payment}</dt><dd data-testid="payment">${paymentText(lang, reservation.payment)}</dd>
  <dt>${text.name}</dt><dd>${reservation.guest.name}</dd>
  <dt>${text.nameLatin}</dt><dd>${reservation.guest.nameLatin}</dd>
  <dt>${text.email}</dt><dd>${reservation.guest.email}</dd>
  <dt>${text.phone}</dt><dd>${reservation.guest.phone}</dd>
  <dt>${text.total}</dt><dd class="price">${yen(reservation.totalPrice)}</dd>
  ${accommodationTaxRow(reservation, lang)}
  <dt>${text.cancellationPolicy}</dt><dd>${text.cancelPolicy(policy.freeCancelDays, policy.feePercent)}</dd>
  ${
    reservation.cancelFee !== null
      ? html`<dt>${text.feeCharged}</dt><dd class="price" data-testid="cancel-fee">${yen(reservation.cancelFee)}</dd>`
      : ''
  }
</dl>`;
}

/**
 * What cancelling today would cost, shown before the guest can cancel; the button posts
 * `confirm=yes` so only this form, never a stray request, cancels.
 */
export function cancellationPanel(
  reservation: AnyReservation,
  lang: Lang,
  form: { action: string; fields: Record<string, string>; alert?: string },
): SafeHtml {
  const text = t(lang);
  const table = isTableReservation(reservation);
  const terms = table ? tableCancellationTerms(reservation, new Date()) : cancellationTerms(reservation, tokyoToday());
  // nothing left to cancel once cancelled, or once the hotel checked the guest in or marked a no-show
  if (terms.reason === 'ALREADY_CANCELLED' || terms.reason === 'STAY_HANDLED') return html``;
  const policy = table ? text.cancelFees(reservation.cancelFees) : 'freeUntil' in terms && terms.freeUntil ? text.freeUntil(formatDate(lang, terms.freeUntil)) : undefined;
  return html`<section class="card">
<h2>${text.cancelReservation}</h2>
${form.alert ? html`<div class="alert" role="alert">${form.alert}</div>` : ''}
<dl class="summary">
  <dt>${text.cancelFeeToday}</dt><dd class="price" data-testid="cancel-fee-today">${yen(terms.fee)}</dd>
  <dt>${text.refund}</dt><dd>${yen(terms.refund)}</dd>
  ${policy ? html`<dt>${text.cancellationPolicy}</dt><dd>${policy}</dd>` : ''}
</dl>
${
  terms.allowed
    ? html`<form method="post" action="${form.action}">
  ${hidden({ ...form.fields, confirm: 'yes' })}${langField(lang)}
  <button class="danger" type="submit" data-testid="cancel-reservation">${text.cancelReservation}</button>
</form>`
    : html`<p>${table ? text.cannotCancelSeatingStarted : text.cannotCancelStarted}</p>`
}
</section>`;
}

/** One reservation and what cancelling it would cost: the look-up and the member's account show it alike. */
export function reservationPage(
  reservation: AnyReservation,
  venue: Venue,
  lang: Lang,
  options: { cancelAction: string; fields: Record<string, string>; calendar: CalendarLink; alert?: PageAlert; loggedIn?: boolean; footer?: SafeHtml; otherLang?: string },
): GuestPage {
  return titledPage(
    {
      lang,
      title: t(lang).reservationTitle,
      cache: 'private',
      status: options.alert?.status,
      loggedIn: options.loggedIn,
      otherLang: options.otherLang,
      css: RESERVATION_PRINT_CSS,
    },
    html`${reservationDetails(reservation, venue, lang)}
${reservationActions(reservation, lang, options.calendar)}
${cancellationPanel(reservation, lang, { action: options.cancelAction, fields: options.fields, alert: options.alert?.message })}${options.footer ?? ''}`,
  );
}

/** A cancelled reservation, with the fee it cost; shared by guest and member cancellation. */
export function cancelledPage(reservation: AnyReservation, venue: Venue, lang: Lang, loggedIn = false): GuestPage {
  const text = t(lang);
  return titledPage(
    { lang, title: text.cancelledTitle, cache: 'private', loggedIn, css: RESERVATION_PRINT_CSS },
    html`${reservationDetails(reservation, venue, lang)}
<p><a href="${link('/', {}, lang)}">${text.backToStart}</a></p>`,
  );
}

/** Look-up without an account; a 404 status says the code and email did not match. */
export function lookupPage(lang: Lang, values: { code: string; email?: string }, options: { status?: number; otherLang?: string } = {}): GuestPage {
  const text = t(lang);
  return titledPage(
    {
      lang,
      title: text.lookupTitle,
      // the GET form echoes at most a code from a link; after a POST it echoes an email
      cache: values.email === undefined ? 'public' : 'private',
      status: options.status,
      otherLang: options.otherLang,
    },
    html`<p>${text.lookupText}</p>
${options.status === 404 || options.status === 429 ? html`<div class="alert" role="alert">${options.status === 404 ? text.lookupNotFound : text.lookupThrottled}</div>` : ''}
<form class="stack" method="post" action="/reservations/lookup">
  ${field({ name: 'code', label: text.reservationCode, value: values.code, required: true, attrs: { placeholder: 'HT0123456789' } })}
  ${field({ name: 'email', label: text.email, type: 'email', value: values.email, required: true, attrs: { autocomplete: 'email' } })}
  ${langField(lang)}
  <button type="submit">${text.lookup}</button>
</form>`,
  );
}
