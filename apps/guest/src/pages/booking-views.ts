import { randomUUID } from 'node:crypto';
import { checkoutOf, type Stay, type StayQuote } from '@hatago/catalog';
import type { Member } from '@hatago/identity';
import type { FieldError } from '@hatago/platform/errors';
import { html, type SafeHtml } from '@hatago/platform/html';
import { field, formAlert, yen } from '@hatago/web-kit';
import { type Lang, planLabel, t } from './i18n.ts';
import { type GuestPage, hidden, langField, link, noticePage, titledPage } from './page-kit.ts';
import type { AnyReservation } from '../reservation-kinds.ts';
import type { Venue } from '../reservation-venues.ts';
import { RESERVATION_PRINT_CSS, reservationActions } from './reservation-actions-views.ts';
import { reservationDetails } from './reservation-views.ts';
import { contactOf, type SavedGuestChoice, savedGuestPicker } from './saved-guest-views.ts';
import { stayParams } from './stay-form.ts';
import { payAtHotelText, priceBreakdownRows } from './price-breakdown-view.ts';
import { CARD_FIELDS } from './card-guarantee-form.ts';
import { STAY_DETAIL_FIELDS, STAY_DETAILS_CSS, stayDetailParams, stayDetailFields, stayDetailRows } from './stay-details-fields.ts';

export const CONTACT_FIELDS = ['name', 'nameLatin', 'email', 'phone'] as const;

/** The plan and stay a booking form carries, priced. */
export interface LoadedPlan {
  planId: number;
  stay: Stay;
  quote: StayQuote;
}

/** A booking form's state: what it carries, who is signed in, and what went wrong. */
export interface BookingForm {
  lang: Lang;
  plan: LoadedPlan;
  values: Record<string, string>;
  member?: Member;
  /** A signed-in member's saved guests, on the form that asks for the guest. */
  saved?: SavedGuestChoice;
}

export function detailsPage(page: BookingForm & { errors?: FieldError[] }): GuestPage {
  const { lang, plan, member } = page;
  const text = t(lang);
  const errors = page.errors ?? [];
  const prefill = member ? contactOf(member, page.saved?.chosen) : undefined;
  const value = (name: (typeof CONTACT_FIELDS)[number]) => page.values[name] ?? prefill?.[name] ?? '';
  const params = { planId: plan.planId, ...stayParams(plan.stay) };
  const here = link('/book', params, lang);
  return titledPage(
    { lang, title: text.bookingTitle, cache: 'private', status: errors.length ? 422 : 200, loggedIn: member !== undefined, css: STAY_DETAILS_CSS },
    html`${staySummary(plan, lang)}
<h2>${text.guestDetails}</h2>
${member ? '' : html`<p><a href="${link('/login', { next: here }, lang)}">${text.loginToPrefill}</a></p>`}
${member && !member.emailVerified ? html`<p data-testid="verify-to-book-as-member">${text.verifyToBookAsMember}</p>` : ''}
${member && page.saved ? savedGuestPicker(lang, { action: '/book', params, member, ...page.saved }) : ''}
${formAlert(errors, [...CONTACT_FIELDS, ...STAY_DETAIL_FIELDS, ...CARD_FIELDS])}
<form class="stack" method="post" action="/book/confirm">
  ${field({ name: 'name', label: text.name, value: value('name'), required: true, attrs: { autocomplete: 'name' } }, errors)}
  ${field({ name: 'nameLatin', label: text.nameLatin, value: value('nameLatin'), required: true, attrs: { placeholder: 'Taro Yamada' } }, errors)}
  ${field({ name: 'email', label: text.email, type: 'email', value: value('email'), required: true, attrs: { autocomplete: 'email' } }, errors)}
  ${field({ name: 'phone', label: text.phone, type: 'tel', value: value('phone'), required: true, attrs: { autocomplete: 'tel' } }, errors)}
  ${stayDetailFields(lang, plan.quote, page.values, { adults: plan.stay.guests }, errors)}
  ${hidden({ planId: plan.planId, ...stayParams(plan.stay) })}${langField(lang)}
  <button type="submit">${text.toConfirm}</button>
</form>`,
  );
}

/**
 * The last look before booking. The form carries the total shown here, so a price that
 * changes before the guest presses the button is shown again instead of charged.
 */
export function confirmPage(page: BookingForm & { alert?: string; status?: number }): GuestPage {
  const { lang, plan, values, member } = page;
  const text = t(lang);
  const carried = { planId: plan.planId, ...stayParams(plan.stay), ...Object.fromEntries(CONTACT_FIELDS.map((f) => [f, values[f]])), ...stayDetailParams(values) };
  return titledPage(
    { lang, title: text.confirmTitle, cache: 'private', status: page.status ?? (page.alert ? 409 : 200), loggedIn: member !== undefined },
    html`${page.alert ? html`<div class="alert" role="alert">${page.alert}</div>` : ''}
${staySummary(plan, lang)}
<h2>${text.guestDetails}</h2>
<dl class="summary">
  ${CONTACT_FIELDS.map((f) => html`<dt>${text[f]}</dt><dd>${values[f]}</dd>`)}
  ${stayDetailRows(lang, plan.quote, values)}
</dl>
<form method="post" action="/book">
  ${hidden({ ...carried, expectedTotal: plan.quote.totalPrice, idempotencyKey: randomUUID() })}${langField(lang)}
  <button type="submit" data-testid="confirm-booking">${text.confirmBooking}</button>
</form>
<form method="post" action="/book/confirm">
  ${hidden({ ...carried, edit: 'yes' })}${langField(lang)}
  <button class="secondary" type="submit">${text.editDetails}</button>
</form>`,
  );
}

/** Why a booking form's plan and stay cannot be priced. */
export function bookingUnavailablePage(lang: Lang, status: number, messages: string[]): GuestPage {
  const text = t(lang);
  const back = { href: link('/', {}, lang), label: text.backToStart };
  return noticePage(lang, { title: text.bookingUnavailable, message: messages.join(' '), back, status, cache: 'private' });
}

export function soldOutPage(lang: Lang, { quote, stay }: LoadedPlan): GuestPage {
  const text = t(lang);
  const back = { href: link(`/hotels/${quote.hotelId}`, stayParams(stay), lang), label: text.backToHotel };
  return noticePage(lang, { title: text.soldOutTitle, message: text.soldOutText, back, status: 409, cache: 'private' });
}

/** Right after booking; `calendarHref` is the calendar file under the same just-booked proof as this page. */
export function confirmationPage(
  lang: Lang,
  shown: { reservation: AnyReservation; venue: Venue; calendarHref: string },
  banner: SafeHtml = html``,
): GuestPage {
  const text = t(lang);
  const { reservation, venue } = shown;
  const requested = reservation.status === 'requested';
  return titledPage(
    { lang, title: requested ? text.requestedTitle : text.confirmationTitle, cache: 'private', css: RESERVATION_PRINT_CSS },
    html`<p class="notice">${requested ? text.requestedText : text.confirmationText}</p>
${reservationDetails(reservation, venue, lang)}
${reservationActions(reservation, lang, { href: shown.calendarHref })}
${banner}
<p><a href="${link('/reservations/lookup', { code: reservation.code }, lang)}">${text.navLookup}</a></p>`,
  );
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
  <dt>${text.nightlyPrices}</dt><dd>${quote.nightly.map((n) => html`<div>${n.date}: ${yen(n.total)}</div>`)}</dd>
  ${priceBreakdownRows(quote.breakdown, lang, 'booking-total')}
  <dt>${text.cancellationPolicy}</dt><dd>${text.cancelPolicy(quote.freeCancelDays, quote.cancelFeePercent)}</dd>
</dl>
${quote.breakdown.accommodationTax > 0 ? html`<p class="muted">${payAtHotelText(lang)}</p>` : ''}
</section>`;
}
