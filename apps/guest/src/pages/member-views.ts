import { type AnyReservation, isTableReservation, startOf } from '../reservation-kinds.ts';
import { accountPage } from './account-views.ts';
import type { Venue } from '../reservation-venues.ts';
import { type Member, PASSWORD_RULES } from '@hatago/identity';
import type { FieldError } from '@hatago/platform/errors';
import { html, type SafeHtml } from '@hatago/platform/html';
import { field, formAlert, yen } from '@hatago/web-kit';
import { formatDate, formatTime } from './formats.ts';
import { type Lang, t } from './i18n.ts';
import { ACCOUNT_HOME, type GuestPage, hidden, langField, legalLinks, link, titledPage } from './page-kit.ts';
import { forgotPasswordLink } from './password-reset-views.ts';
import { calendarPathBeside } from './reservation-calendar.ts';
import { type PageAlert, reservationPage } from './reservation-views.ts';

const SIGN_UP_FIELDS = ['name', 'nameLatin', 'email', 'phone', 'password'] as const;

/** What the guest typed into a member form, and what was wrong with it. */
export interface MemberForm {
  lang: Lang;
  values: Record<string, string>;
  errors?: FieldError[];
  status?: number;
}

/** Sign-up and login alike: one private form that returns the member to `next` afterwards. */
function memberFormPage(
  { lang, values, errors = [], status = 200 }: MemberForm,
  form: { title: string; action: string; fieldNames: readonly string[]; fields: SafeHtml; submit: string; after?: SafeHtml },
): GuestPage {
  return titledPage(
    { lang, title: form.title, cache: 'private', status, otherLang: link(form.action, { next: values.next }, lang === 'ja' ? 'en' : 'ja') },
    html`${formAlert(errors, [...form.fieldNames])}
<form class="stack" method="post" action="${form.action}">
  ${form.fields}
  ${hidden({ next: values.next })}${langField(lang)}
  <button type="submit">${form.submit}</button>
</form>${form.after ?? ''}`,
  );
}

export function signUpPage(form: MemberForm): GuestPage {
  const { values, errors = [] } = form;
  const text = t(form.lang);
  return memberFormPage(form, {
    title: text.signupTitle,
    action: '/signup',
    fieldNames: SIGN_UP_FIELDS,
    submit: text.signup,
    fields: html`${field({ name: 'name', label: text.name, value: values.name, required: true, attrs: { autocomplete: 'name' } }, errors)}
  ${field({ name: 'nameLatin', label: text.nameLatin, value: values.nameLatin, required: true, attrs: { placeholder: 'Taro Yamada' } }, errors)}
  ${field({ name: 'email', label: text.email, type: 'email', value: values.email, required: true, attrs: { autocomplete: 'email' } }, errors)}
  ${field({ name: 'phone', label: text.phone, type: 'tel', value: values.phone, required: true, attrs: { autocomplete: 'tel' } }, errors)}
  ${field(
    {
      name: 'password',
      label: `${text.password} (${text.passwordHint(PASSWORD_RULES.min)})`,
      type: 'password',
      required: true,
      attrs: { autocomplete: 'new-password' },
    },
    errors,
  )}
  <p class="consent-note">${text.agreeBySigningUp} ${legalLinks(form.lang)}</p>`,
  });
}

export function loginPage(form: MemberForm): GuestPage {
  const { lang, values, errors = [] } = form;
  const text = t(lang);
  return memberFormPage(form, {
    title: text.loginTitle,
    action: '/login',
    fieldNames: ['email', 'password'],
    submit: text.login,
    fields: html`${field({ name: 'email', label: text.email, type: 'email', value: values.email, required: true, attrs: { autocomplete: 'username' } }, errors)}
  ${field({ name: 'password', label: text.password, type: 'password', required: true, attrs: { autocomplete: 'current-password' } }, errors)}`,
    after: html`
<p><a href="${link('/signup', { next: values.next }, lang)}">${text.signupLink}</a></p>
${forgotPasswordLink(lang)}`,
  });
}

/**
 * The member's stays and tables, those still to come (soonest first) apart from those
 * that are over (latest first), by the date in Japan: a stay is upcoming until its
 * check-out day has passed, a table until its day has.
 */
export function reservationsPage(lang: Lang, member: Member, reservations: AnyReservation[], today: string): GuestPage {
  const text = t(lang);
  const upcoming = reservations.filter((r) => endOf(r) >= today).sort((a, b) => startOf(a).localeCompare(startOf(b)));
  const past = reservations.filter((r) => endOf(r) < today);
  return accountPage(
    lang,
    { section: ACCOUNT_HOME, path: ACCOUNT_HOME, title: text.accountTitle },
    html`<p>${text.welcome(member.name)}</p>
<h2>${text.upcomingReservations}</h2>
${
  upcoming.length
    ? reservationTable(lang, upcoming, 'upcoming')
    : html`<p data-testid="no-upcoming">${text.noUpcoming}</p>
<p><a href="${link('/', {}, lang)}">${text.findStay}</a> · <a href="${link('/restaurants', {}, lang)}">${text.findTable}</a></p>`
}
<h2>${text.pastReservations}</h2>
${past.length ? reservationTable(lang, past, 'past') : html`<p data-testid="no-past">${text.noPast}</p>`}`,
  );
}

const endOf = (r: AnyReservation): string => (isTableReservation(r) ? r.date : r.checkout);

/** Stays and tables in one list: what, where (linked to its page), when, for how many, and its state. */
function reservationTable(lang: Lang, reservations: AnyReservation[], when: 'upcoming' | 'past'): SafeHtml {
  const text = t(lang);
  return html`<table data-testid="${when}-reservations">
<thead><tr><th>${text.reservationCode}</th><th>${text.reservationKind}</th><th>${text.venue}</th><th>${text.when}</th><th>${text.forWhom}</th><th>${text.total}</th><th>${text.status}</th><th></th></tr></thead>
<tbody>${reservations.map((r) => {
    const table = isTableReservation(r);
    const venue = table ? link(`/restaurants/${r.restaurantId}`, {}, lang) : link(`/hotels/${r.hotelId}`, {}, lang);
    return html`<tr data-testid="member-reservation" data-kind="${table ? 'table' : 'stay'}">
  <td>${r.code}</td><td>${table ? text.kindTable : text.kindStay}</td><td><a href="${venue}">${table ? r.restaurantName : r.hotelName}</a></td>
  <td>${table ? `${formatDate(lang, r.date)} ${formatTime(lang, r.time)}` : formatDate(lang, r.checkin)}</td>
  <td>${table ? text.people(r.party) : text.nightsCount(r.nights)}</td><td>${yen(r.totalPrice)}</td>
  <td>${table ? text.tableStatus[r.status] : text.stayStatus[r.status]}</td>
  <td><a href="${link(`${ACCOUNT_HOME}/${r.code}`, {}, lang)}">${text.details}</a></td>
</tr>`;
  })}</tbody>
</table>`;
}

export const memberReservationPage = (lang: Lang, reservation: AnyReservation, venue: Venue, alert?: PageAlert): GuestPage =>
  reservationPage(reservation, venue, lang, {
    cancelAction: `${ACCOUNT_HOME}/${reservation.code}/cancel`,
    fields: {},
    calendar: { href: link(calendarPathBeside(`${ACCOUNT_HOME}/${reservation.code}`), {}, lang) },
    alert,
    loggedIn: true,
    otherLang: link(`${ACCOUNT_HOME}/${reservation.code}`, {}, lang === 'ja' ? 'en' : 'ja'),
    footer: html`
<p><a href="${link(ACCOUNT_HOME, {}, lang)}">${t(lang).yourReservations}</a></p>`,
  });
