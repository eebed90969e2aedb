import type { AuditRecord } from '@hatago/audit';
import { type CancellationTerms, RESERVATION_STATUSES, type Reservation } from '@hatago/booking';
import type { TableReservation } from '@hatago/dining';
import { can, type StaffAccount } from '@hatago/identity';
import type { MailSummary } from '@hatago/mail';
import type { FieldError } from '@hatago/platform/errors';
import { html, type SafeHtml } from '@hatago/platform/html';
import { field, formAlert, pageLinkWith, pagination, select, textArea, tokyoTime, yen, stayStatusLabel } from '@hatago/web-kit';
import { PAGE_SIZE } from '../filters.ts';
import type { CancelForm } from './cancel-form.ts';
import { guestCard } from './guest-card.ts';
import { operatorPage } from './operator-page.ts';
import { type NoteForm, noteForm } from './reservation-note-form.ts';
import { historySection } from './reservation-timeline-view.ts';
import { stayDetailRows } from './stay-details-view.ts';
import { tableResults } from './table-reservation-views.ts';

const SEARCH_FIELDS = ['code', 'email', 'name', 'from', 'to', 'status'];

const reservationPath = (code: string) => `/operator/reservations/${encodeURIComponent(code)}`;

const status = (r: Reservation) => html`<span class="status-${r.status}">${stayStatusLabel(r.status)}</span>`;

export function searchPage(
  staff: StaffAccount,
  form: Record<string, string>,
  outcome: { errors: FieldError[] } | { items: Reservation[]; total: number; page: number; tables: { items: TableReservation[]; total: number } },
): string {
  const errors = 'errors' in outcome ? outcome.errors : [];
  const results =
    'items' in outcome
      ? outcome.items.length === 0
        ? html`<p class="muted">No reservation matches.</p>`
        : html`<table>
  <thead><tr><th>Code</th><th>Status</th><th>Guest</th><th>Email</th><th>Hotel</th><th>Check-in</th><th>Nights</th><th>Total</th></tr></thead>
  <tbody>${outcome.items.map(
    (r) => html`<tr>
    <td><a href="${reservationPath(r.code)}">${r.code}</a></td>
    <td>${status(r)}</td>
    <td>${r.guest.name}${r.guest.nameLatin && r.guest.nameLatin !== r.guest.name ? html`<br><span class="muted">${r.guest.nameLatin}</span>` : ''}</td>
    <td>${r.guest.email}</td>
    <td>${r.hotelName}</td>
    <td>${r.checkin}</td>
    <td>${r.nights}</td>
    <td class="price">${yen(r.totalPrice)}</td>
  </tr>`,
  )}</tbody>
</table>`
      : html``;
  // one page number walks both lists, so the links reach the end of the longer one
  const sections =
    'items' in outcome
      ? html`<h2>Hotel stays</h2><p>${outcome.total} hotel reservation${outcome.total === 1 ? '' : 's'}</p>${results}
<h2>Restaurant tables</h2>${tableResults(outcome.tables.items, outcome.tables.total)}
${pagination({ page: outcome.page, pageSize: PAGE_SIZE, total: Math.max(outcome.total, outcome.tables.total), link: pageLinkWith('/operator/reservations', form) })}`
      : results;
  return operatorPage(
    staff,
    'Reservations',
    html`<h1>Reservations</h1>
${formAlert(errors, SEARCH_FIELDS)}
<form class="inline" method="get" action="/operator/reservations">
  ${field({ name: 'code', label: 'Code', value: form.code, attrs: { placeholder: 'HT… or RS…' } }, errors)}
  ${field({ name: 'email', label: 'Email', value: form.email }, errors)}
  ${field({ name: 'name', label: 'Guest name (any script, partial)', value: form.name }, errors)}
  ${field({ name: 'from', label: 'Check-in or table date from', type: 'date', value: form.from }, errors)}
  ${field({ name: 'to', label: 'Check-in or table date to', type: 'date', value: form.to }, errors)}
  ${select(
    {
      name: 'status',
      label: 'Status',
      value: form.status,
      // a stay's front desk statuses find no table: tables are confirmed or cancelled as stays are
      options: [{ value: '', label: 'Any' }, ...RESERVATION_STATUSES.map((value) => ({ value, label: stayStatusLabel(value) }))],
    },
    errors,
  )}
  <button type="submit">Search</button>
</form>
${sections}`,
  );
}

function policyText(r: Reservation): string {
  const { freeCancelDays, feePercent } = r.cancellationPolicy;
  return `Free until ${freeCancelDays} day(s) before check-in, then ${feePercent}% of the total`;
}

/** Resends as booked: to the guest's address, in the language they booked in. */
const resendForm = (r: Reservation) => html`<section class="card"><h2>Confirmation mail</h2>
<form class="inline" method="post" action="${reservationPath(r.code)}/resend-confirmation">
  <button type="submit" class="secondary">Resend the booking confirmation</button>
  <span class="muted">to ${r.guest.email}, in ${r.locale === 'ja' ? 'Japanese' : 'English'}</span>
</form></section>`;

export interface ReservationDetails {
  reservation: Reservation;
  nights: Array<{ date: string; price: number }>;
  terms: CancellationTerms;
  mails: MailSummary[];
  audits: AuditRecord[];
  notice?: string;
  noteForm?: NoteForm;
}

export function reservationPage(staff: StaffAccount, d: ReservationDetails): string {
  const r = d.reservation;
  return operatorPage(
    staff,
    r.code,
    html`<h1>Reservation ${r.code} ${status(r)}</h1>
${d.notice ? html`<p class="notice" role="status">${d.notice}</p>` : ''}
${guestCard(r)}
<section class="card">
  <h2>Stay</h2>
  <dl class="facts">
    <dt>Hotel</dt><dd>${r.hotelName}</dd>
    <dt>Room</dt><dd>${r.roomTypeName}</dd>
    <dt>Plan</dt><dd>${r.planName} (${r.meals})</dd>
    <dt>Dates</dt><dd>${r.checkin} → ${r.checkout} (${r.nights} night(s))</dd>
    ${stayDetailRows(r, d.audits)}
    <dt>Booked</dt><dd>${tokyoTime(r.createdAt)}</dd>
  </dl>
  <table>
    <thead><tr><th>Night</th><th>Price</th></tr></thead>
    <tbody>${d.nights.map((n) => html`<tr><td>${n.date}</td><td>${yen(n.price)}</td></tr>`)}
      <tr><th>Total</th><td class="price">${yen(r.totalPrice)}</td></tr></tbody>
  </table>
</section>
<section class="card">
  <h2>Cancellation</h2>
  <dl class="facts">
    <dt>Policy</dt><dd>${policyText(r)}</dd>
    ${
      r.status === 'cancelled'
        ? html`<dt>Cancelled</dt><dd>${r.cancelledAt ? tokyoTime(r.cancelledAt) : ''} by ${r.cancelledBy}</dd>
    <dt>Fee charged</dt><dd class="price">${yen(r.cancelFee ?? 0)}</dd>`
        : html`${d.terms.freeUntil ? html`<dt>Free to cancel until</dt><dd>${d.terms.freeUntil}</dd>` : ''}
    <dt>Fee if cancelled today</dt><dd class="price">${yen(d.terms.fee)}</dd>`
    }
  </dl>
  ${r.status === 'confirmed' ? html`<p class="actions"><a class="button" href="${reservationPath(r.code)}/cancel">Cancel on the guest's behalf</a>${
    can(staff, 'reservations.modify') ? html` <a class="button secondary" href="${reservationPath(r.code)}/modify">Change the stay</a>` : ''
  }</p>` : ''}
</section>
${r.status === 'confirmed' && can(staff, 'reservations.resend') ? resendForm(r) : ''}
${noteForm(staff, r.code, d.noteForm)}
${historySection(r, d.audits, d.mails)}`,
  );
}

export function cancelPage(
  staff: StaffAccount,
  r: Reservation,
  terms: CancellationTerms,
  view: { form: CancelForm; mayWaive: boolean; errors?: FieldError[] },
): string {
  const errors = view.errors ?? [];
  const body: SafeHtml =
    r.status === 'cancelled'
      ? html`<p class="notice">This reservation is already cancelled.</p>`
      : html`${formAlert(errors, ['reason'])}
<dl class="facts">
  <dt>Guest</dt><dd>${r.guest.name} · ${r.guest.email}</dd>
  <dt>Stay</dt><dd>${r.hotelName}, ${r.checkin} → ${r.checkout}</dd>
  <dt>Total</dt><dd>${yen(r.totalPrice)}</dd>
  <dt>Policy</dt><dd>${policyText(r)}</dd>
  <dt>Fee today</dt><dd class="price">${yen(terms.fee)}</dd>
  <dt>Refund</dt><dd>${yen(terms.refund)}</dd>
</dl>
${terms.reason === 'STAY_STARTED' ? html`<p class="alert">The stay has started; guests can no longer cancel online.</p>` : ''}
<form class="stack" method="post" action="${reservationPath(r.code)}/cancel">
  ${textArea({ name: 'reason', label: 'Reason (required, kept in the audit log)', value: view.form.reason, maxLength: 500, required: true }, errors)}
  ${
    view.mayWaive
      ? html`<label class="check"><input type="checkbox" name="waiveFee" value="yes"${view.form.waiveFee ? html` checked` : ''}> Waive the fee</label>`
      : ''
  }
  <button class="danger" type="submit">Cancel reservation</button>
</form>`;
  return operatorPage(
    staff,
    `Cancel ${r.code}`,
    html`<h1>Cancel ${r.code}</h1>
${body}
<p><a href="${reservationPath(r.code)}">Back to the reservation</a></p>`,
  );
}
