import { randomUUID } from 'node:crypto';
import type { CourseProfile, RestaurantProfile } from '@hatago/dining';
import type { Member } from '@hatago/identity';
import type { FieldError } from '@hatago/platform/errors';
import { html, type SafeHtml } from '@hatago/platform/html';
import { field, formAlert, select, textArea } from '@hatago/web-kit';
import { formatDate, formatPrice, formatTime } from './formats.ts';
import { type Lang, OCCASIONS, t } from './i18n.ts';
import { type GuestPage, hidden, langField, legalLinks, link, noticePage, titledPage } from './page-kit.ts';
import { contactOf, type SavedGuestChoice, savedGuestPicker } from './saved-guest-views.ts';
import { CARD_FIELDS, cardFields, cardOnFileRow, cardParams } from './card-guarantee-form.ts';

/** The seating and course a table booking form carries, checked bookable and priced. */
export interface TableChoice {
  restaurant: RestaurantProfile;
  course: CourseProfile;
  date: string;
  time: string;
  party: number;
  durationMinutes: number;
  totalPrice: number;
}

/** A table booking form's state: what it carries, who is signed in, and what went wrong. */
export interface TableBookingForm {
  lang: Lang;
  choice: TableChoice;
  values: Record<string, string>;
  member?: Member;
  /** A signed-in member's saved guests, on the form that asks for the guest. */
  saved?: SavedGuestChoice;
}

const CONTACT = ['name', 'email', 'phone'] as const;
export const ALLERGIES_MAX = 300;

/** The fields that travel from page to page: the choice, then the guest's details. */
export const choiceParams = (choice: TableChoice) => ({
  restaurantId: choice.restaurant.id,
  courseId: choice.course.id,
  date: choice.date,
  time: choice.time,
  party: choice.party,
});
/** What the confirm page carries of the guest's details: the card only as its token and how to name it, never its number. */
const detailParams = (values: Record<string, string>) => ({
  ...Object.fromEntries(CONTACT.map((f) => [f, values[f]])),
  allergies: values.allergies,
  occasion: values.occasion,
  ...cardParams(values),
});

/** Whether this choice is booked with a card guarantee: anything but a free (seat-only) table. */
export const needsGuarantee = (choice: TableChoice): boolean => choice.totalPrice > 0;

export function tableDetailsPage(page: TableBookingForm & { errors?: FieldError[] }): GuestPage {
  const { lang, choice, member } = page;
  const text = t(lang);
  const errors = page.errors ?? [];
  const prefill = member ? contactOf(member, page.saved?.chosen) : undefined;
  const value = (name: (typeof CONTACT)[number]) => page.values[name] ?? prefill?.[name] ?? '';
  const here = link('/book/table', choiceParams(choice), lang);
  return titledPage(
    { lang, title: text.tableBookingTitle, cache: 'private', status: errors.length ? 422 : 200, loggedIn: member !== undefined },
    html`${choiceSummary(choice, lang)}
<h2>${text.guestDetails}</h2>
${member ? '' : html`<p><a href="${link('/login', { next: here }, lang)}">${text.loginToPrefill}</a></p>`}
${member && page.saved ? savedGuestPicker(lang, { action: '/book/table', params: choiceParams(choice), member, ...page.saved }) : ''}
${formAlert(errors, [...CONTACT, 'allergies', 'occasion', ...CARD_FIELDS])}
<form class="stack" method="post" action="/book/table/confirm">
  ${field({ name: 'name', label: text.name, value: value('name'), required: true, attrs: { autocomplete: 'name' } }, errors)}
  ${field({ name: 'email', label: text.email, type: 'email', value: value('email'), required: true, attrs: { autocomplete: 'email' } }, errors)}
  ${field({ name: 'phone', label: text.phone, type: 'tel', value: value('phone'), required: true, attrs: { autocomplete: 'tel' } }, errors)}
  <h3>${text.specialRequests}</h3>
  ${textArea({ name: 'allergies', label: text.allergies, value: page.values.allergies, maxLength: ALLERGIES_MAX }, errors)}
  ${select({ name: 'occasion', label: text.occasion, value: page.values.occasion ?? '', options: OCCASIONS.map((o) => ({ value: o, label: text.occasions[o] })) }, errors)}
  ${needsGuarantee(choice) ? cardFields(lang, text.cardGuaranteeNote(formatPrice(lang, choice.totalPrice)), errors) : ''}
  ${hidden(choiceParams(choice))}${langField(lang)}
  <button type="submit">${text.toConfirm}</button>
</form>`,
  );
}

/** The last look before booking; the form carries the total shown, so a changed price is shown again instead of charged. */
export function tableConfirmPage(page: TableBookingForm & { alert?: string; status?: number }): GuestPage {
  const { lang, choice, values, member } = page;
  const text = t(lang);
  const carried = { ...choiceParams(choice), ...detailParams(values) };
  return titledPage(
    { lang, title: text.confirmTitle, cache: 'private', status: page.status ?? (page.alert ? 409 : 200), loggedIn: member !== undefined },
    html`${page.alert ? html`<div class="alert" role="alert">${page.alert}</div>` : ''}
${choiceSummary(choice, lang)}
<h2>${text.guestDetails}</h2>
<dl class="summary">
  ${CONTACT.map((f) => html`<dt>${text[f]}</dt><dd>${values[f]}</dd>`)}
  ${values.allergies ? html`<dt>${text.allergies}</dt><dd>${values.allergies}</dd>` : ''}
  ${values.occasion ? html`<dt>${text.occasion}</dt><dd>${text.occasions[values.occasion as (typeof OCCASIONS)[number]] ?? ''}</dd>` : ''}
  ${cardOnFileRow(lang, values)}
</dl>
<p class="consent-note">${text.agreeByBookingTable} ${legalLinks(lang)}</p>
<form method="post" action="/book/table">
  ${hidden({ ...carried, expectedTotal: choice.totalPrice, idempotencyKey: randomUUID() })}${langField(lang)}
  <button type="submit" data-testid="confirm-booking">${text.confirmBooking}</button>
</form>
<form method="post" action="/book/table/confirm">
  ${hidden({ ...carried, edit: 'yes' })}${langField(lang)}
  <button class="secondary" type="submit">${text.editDetails}</button>
</form>`,
  );
}

/** Why a table booking form's choice cannot be booked. */
export function tableUnavailablePage(lang: Lang, status: number, messages: string[], restaurantId?: number): GuestPage {
  const text = t(lang);
  const back = restaurantId ? { href: link(`/restaurants/${restaurantId}`, {}, lang), label: text.backToRestaurant } : { href: link('/restaurants', {}, lang), label: text.findTable };
  return noticePage(lang, { title: text.tableUnavailable, message: messages.join(' '), back, status, cache: 'private' });
}

export function seatingFullPage(lang: Lang, choice: TableChoice): GuestPage {
  const text = t(lang);
  const back = { href: link(`/restaurants/${choice.restaurant.id}`, { date: choice.date, party: choice.party }, lang), label: text.backToRestaurant };
  return noticePage(lang, { title: text.seatingFullTitle, message: text.seatingFullText, back, status: 409, cache: 'private' });
}

function choiceSummary(choice: TableChoice, lang: Lang): SafeHtml {
  const text = t(lang);
  return html`<section class="card">
<h2>${text.yourTable}</h2>
<dl class="summary">
  <dt>${text.restaurant}</dt><dd>${choice.restaurant.name[lang]}</dd>
  <dt>${text.course}</dt><dd>${choice.course.name[lang]}</dd>
  <dt>${text.diningDate}</dt><dd>${formatDate(lang, choice.date)}</dd>
  <dt>${text.seatingTime}</dt><dd>${formatTime(lang, choice.time)} (${text.minutes(choice.durationMinutes)})</dd>
  <dt>${text.party}</dt><dd>${text.people(choice.party)}</dd>
  <dt>${text.pricePerPerson}</dt><dd>${choice.course.seatOnly ? text.seatOnly : formatPrice(lang, choice.course.pricePerPerson)}</dd>
  <dt>${text.total}</dt><dd class="price" data-testid="booking-total">${formatPrice(lang, choice.totalPrice)}</dd>
  <dt>${text.cancellationPolicy}</dt><dd>${text.cancelFees(choice.course.cancelFees)}</dd>
  ${choice.restaurant.bookingMode === 'request' ? html`<dt>${text.bookingMode}</dt><dd>${text.requestBookingNote}</dd>` : ''}
</dl>
</section>`;
}
