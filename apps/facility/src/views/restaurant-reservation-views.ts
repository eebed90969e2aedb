import type { ReservationFilterForm } from '@hatago/booking';
import { TABLE_FILTER_STATUSES, type TableReservation } from '@hatago/dining';
import type { StaffAccount } from '@hatago/identity';
import type { FieldError } from '@hatago/platform/errors';
import { html, type SafeHtml } from '@hatago/platform/html';
import { yen } from '@hatago/web-kit';
import { facilityPage, scrollRegion } from './facility-page.ts';
import { reservationFilter, reservationResults } from './reservation-views.ts';

const BASE = '/facility/restaurant/reservations';
const NOTICES: Record<string, string> = { accept: 'Accepted: the guest is mailed the confirmation.', decline: 'Declined: the seats are free again and the guest is mailed.' };

export const tableFor = (r: Pick<TableReservation, 'tableSeats'>) => (r.tableSeats === 0 ? 'seats' : `table for ${r.tableSeats}`);

/** Accept and decline, posted to the reservation; only a request waiting for an answer shows them. */
export function answerButtons(r: TableReservation): SafeHtml {
  if (r.status !== 'requested') return html``;
  return html`<span class="actions"><form method="post" action="${BASE}/${r.code}/accept"><button type="submit">Accept</button></form>
<form method="post" action="${BASE}/${r.code}/decline"><button class="danger" type="submit">Decline</button></form></span>`;
}

function rows(items: TableReservation[]): SafeHtml {
  return scrollRegion('Reservations', html`<table><thead><tr><th>Code</th><th>Status</th><th>Date</th><th>Seating</th><th>Party</th><th>Guest</th><th>Course</th><th>Total</th><th></th></tr></thead><tbody>${items.map(
    (r) => html`<tr><td><a href="${BASE}/${r.code}">${r.code}</a></td><td class="status-${r.status}">${r.status}</td><td>${r.date}</td><td>${r.time}</td>
<td>${r.party} (${tableFor(r)})</td><td>${r.guest.name}<div class="muted">${r.guest.nameLatin}</div></td><td>${r.courseName}</td><td>${yen(r.totalPrice)}</td><td>${answerButtons(r)}</td></tr>`,
  )}</tbody></table>`);
}

/** Requests waiting for an answer above everything, then the filtered list (requests first there too). */
export function tableReservationListPage(
  staff: StaffAccount,
  form: ReservationFilterForm,
  waiting: TableReservation[],
  result: { items: TableReservation[]; total: number } | null,
  errors: FieldError[] = [],
): string {
  return facilityPage(
    staff,
    'Reservations',
    html`<h1>Reservations</h1>
${waiting.length ? html`<section class="card"><h2>Waiting for your answer (${waiting.length})</h2>${rows(waiting)}</section>` : ''}
${reservationFilter(BASE, 'Date', TABLE_FILTER_STATUSES, form, errors)}
${result ? reservationResults(BASE, form, result.total, rows(result.items)) : ''}`,
  );
}

export function tableReservationPage(staff: StaffAccount, r: TableReservation, query: { notice?: unknown }): string {
  const notice = typeof query.notice === 'string' ? NOTICES[query.notice] : undefined;
  return facilityPage(
    staff,
    `Reservation ${r.code}`,
    html`<h1>Reservation ${r.code}</h1>${notice ? html`<p class="notice" role="status">${notice}</p>` : ''}
<div class="card"><dl class="facts">
  <dt>Status</dt><dd class="status-${r.status}">${r.status}${r.cancelledAt ? html` (${r.cancelledAt}, by ${r.cancelledBy})` : ''}</dd>
  <dt>When</dt><dd>${r.date} ${r.time} (${r.durationMinutes} min)</dd>
  <dt>Party</dt><dd>${r.party} (${tableFor(r)})</dd>
  <dt>Course</dt><dd>${r.courseName} · ${yen(r.pricePerPerson)} per person</dd>
  <dt>Total</dt><dd class="price">${yen(r.totalPrice)}${r.cancelFee !== null ? html`; fee charged ${yen(r.cancelFee)}` : ''}</dd>
  <dt>Requests</dt><dd>${r.requests || '—'}</dd>
  <dt>Guest</dt><dd>${r.guest.name} / ${r.guest.nameLatin}</dd>
  <dt>Email</dt><dd>${r.guest.email}</dd>
  <dt>Phone</dt><dd>${r.guest.phone}</dd>
  <dt>Language</dt><dd>${r.locale}</dd>
  <dt>Booked</dt><dd>${r.createdAt}</dd>
</dl></div>
${answerButtons(r)}
<p><a href="${BASE}">Back to reservations</a> · <a href="/facility/restaurant/day?date=${r.date}">The day</a></p>`,
  );
}
