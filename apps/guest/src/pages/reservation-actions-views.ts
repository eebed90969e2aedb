import { holdsSeats } from '@hatago/dining';
import { html, type SafeHtml } from '@hatago/platform/html';
import { type AnyReservation, isTableReservation } from '../reservation-kinds.ts';
import { type Lang, t } from './i18n.ts';
import { hidden, langField } from './page-kit.ts';

/**
 * How a page hands out a reservation's calendar file, under the page's own access check:
 * a link where a cookie proves who may see it (the just-booked confirmation, a member's
 * account), a form where the guest's email does (the look-up), so the email is never in a URL.
 */
export type CalendarLink = { href: string } | { action: string; fields: Record<string, string> };

/**
 * Black on white, without the site's navigation (and its language switch), banners, forms
 * and buttons: what is left is the reservation and how to reach the hotel or restaurant.
 */
export const RESERVATION_PRINT_CSS = `
@media print{
:root{--ink:#000;--muted:#000;--paper:#fff;--accent:#000;--line:#000}
body{background:#fff;color:#000}
.site-header,.site-footer,.banner-slot,.reservation-actions,form,button{display:none!important}
main{max-width:none;padding:0}
a{color:#000;text-decoration:none}
.card,.notice,.alert{background:#fff;color:#000;border:1px solid #000}
dl.summary{break-inside:avoid}
}
`;

const stillOn = (reservation: AnyReservation) => (isTableReservation(reservation) ? holdsSeats(reservation.status) : reservation.status !== 'cancelled');

/** Add to calendar, for a reservation still on, and how to print the page (no page runs script, so no print button). */
export function reservationActions(reservation: AnyReservation, lang: Lang, calendar: CalendarLink): SafeHtml {
  const text = t(lang);
  const addToCalendar =
    'href' in calendar
      ? html`<p><a class="button secondary" data-testid="add-to-calendar" href="${calendar.href}" download>${text.addToCalendar}</a></p>`
      : html`<form method="post" action="${calendar.action}">
  ${hidden(calendar.fields)}${langField(lang)}
  <button class="secondary" type="submit" data-testid="add-to-calendar">${text.addToCalendar}</button>
</form>`;
  return html`<section class="reservation-actions" aria-labelledby="reservation-actions-title">
<h2 id="reservation-actions-title">${text.keepReservation}</h2>
${stillOn(reservation) ? addToCalendar : ''}
<p class="muted">${text.printHint}</p>
</section>`;
}
