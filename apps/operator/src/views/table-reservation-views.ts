import type { AuditRecord } from '@hatago/audit';
import { holdsSeats, type TableCancellationTerms, type TableReservation } from '@hatago/dining';
import type { StaffAccount } from '@hatago/identity';
import type { MailSummary } from '@hatago/mail';
import type { FieldError } from '@hatago/platform/errors';
import { html, type SafeHtml } from '@hatago/platform/html';
import { formAlert, textArea, tokyoTime, yen } from '@hatago/web-kit';
import { operatorPage } from './operator-page.ts';
import { type NoteForm, noteForm } from './reservation-note-form.ts';
import { historySection } from './reservation-timeline-view.ts';
import type { CancelForm } from './cancel-form.ts';
import { guestCard } from './guest-card.ts';

const path = (code: string) => `/operator/reservations/${encodeURIComponent(code)}`;
const status = (r: TableReservation) => html`<span class="status-${r.status}">${r.status}</span>`;
const holds = (r: TableReservation) => holdsSeats(r.status);

export function policyText(r: Pick<TableReservation, 'cancelFees'>): string {
  if (r.cancelFees.length === 0) return 'Free until the seating starts';
  return [...r.cancelFees]
    .sort((a, b) => b.withinHours - a.withinHours)
    .map((rule) => `${rule.percent}% within ${rule.withinHours} hours`)
    .join('; ');
}

/** The restaurant half of the support search, beside the hotels'. */
export function tableResults(items: TableReservation[], total: number): SafeHtml {
  const count = html`<p>${total} restaurant reservation${total === 1 ? '' : 's'}</p>`;
  if (items.length === 0) return html`${count}<p class="muted">No restaurant reservation on this page.</p>`;
  return html`${count}<table>
  <thead><tr><th>Code</th><th>Status</th><th>Guest</th><th>Email</th><th>Restaurant</th><th>Date</th><th>Party</th><th>Total</th></tr></thead>
  <tbody>${items.map(
    (r) => html`<tr><td><a href="${path(r.code)}">${r.code}</a></td><td>${status(r)}</td>
    <td>${r.guest.name}${r.guest.nameLatin && r.guest.nameLatin !== r.guest.name ? html`<br><span class="muted">${r.guest.nameLatin}</span>` : ''}</td>
    <td>${r.guest.email}</td><td>${r.restaurantName}</td><td>${r.date} ${r.time}</td><td>${r.party}</td><td class="price">${yen(r.totalPrice)}</td></tr>`,
  )}</tbody></table>`;
}

export interface TableReservationDetails {
  reservation: TableReservation;
  terms: TableCancellationTerms;
  mails: MailSummary[];
  audits: AuditRecord[];
  notice?: string;
  noteForm?: NoteForm;
}

export function tableReservationPage(staff: StaffAccount, d: TableReservationDetails): string {
  const r = d.reservation;
  return operatorPage(
    staff,
    r.code,
    html`<h1>Reservation ${r.code} ${status(r)}</h1>
${d.notice ? html`<p class="notice" role="status">${d.notice}</p>` : ''}
${guestCard(r)}
<section class="card"><h2>Table</h2><dl class="facts">
  <dt>Restaurant</dt><dd>${r.restaurantName}</dd><dt>Course</dt><dd>${r.courseName} · ${yen(r.pricePerPerson)} per person</dd>
  <dt>Seating</dt><dd>${r.date} ${r.time} (${r.durationMinutes} min)</dd><dt>Party</dt><dd>${r.party}${r.tableSeats ? ` (table for ${r.tableSeats})` : ''}</dd>
  <dt>Requests</dt><dd>${r.requests || '—'}</dd><dt>Total</dt><dd class="price">${yen(r.totalPrice)}</dd><dt>Booked</dt><dd>${tokyoTime(r.createdAt)}</dd>
</dl></section>
<section class="card"><h2>Cancellation</h2><dl class="facts">
  <dt>Policy</dt><dd>${policyText(r)}</dd>
  ${
    holds(r)
      ? html`<dt>Fee if cancelled now</dt><dd class="price">${yen(d.terms.fee)}</dd>`
      : r.status === 'cancelled'
        ? html`<dt>Cancelled</dt><dd>${r.cancelledAt ? tokyoTime(r.cancelledAt) : ''} by ${r.cancelledBy}</dd><dt>Fee charged</dt><dd class="price">${yen(r.cancelFee ?? 0)}</dd>`
        : html`<dt>Declined</dt><dd>by the restaurant; nothing charged</dd>`
  }
</dl>
${holds(r) ? html`<p><a class="button" href="${path(r.code)}/cancel">Cancel on the guest's behalf</a></p>` : ''}</section>
${noteForm(staff, r.code, d.noteForm)}
${historySection(r, d.audits, d.mails)}`,
  );
}

export function tableCancelPage(
  staff: StaffAccount,
  r: TableReservation,
  terms: TableCancellationTerms,
  view: { form: CancelForm; mayWaive: boolean; errors?: FieldError[] },
): string {
  const errors = view.errors ?? [];
  const body: SafeHtml = !holds(r)
    ? html`<p class="notice">This reservation is already ${r.status}.</p>`
    : html`${formAlert(errors, ['reason'])}
<dl class="facts">
  <dt>Guest</dt><dd>${r.guest.name} · ${r.guest.email}</dd><dt>Table</dt><dd>${r.restaurantName}, ${r.date} ${r.time}, ${r.party} guest(s)</dd>
  <dt>Total</dt><dd>${yen(r.totalPrice)}</dd><dt>Policy</dt><dd>${policyText(r)}</dd>
  <dt>Fee now</dt><dd class="price">${yen(terms.fee)}</dd><dt>Refund</dt><dd>${yen(terms.refund)}</dd>
</dl>
${terms.reason === 'SEATING_STARTED' ? html`<p class="alert">The seating has started; guests can no longer cancel online.</p>` : ''}
<form class="stack" method="post" action="${path(r.code)}/cancel">
  ${textArea({ name: 'reason', label: 'Reason (required, kept in the audit log)', value: view.form.reason, maxLength: 500, required: true }, errors)}
  ${view.mayWaive ? html`<label class="check"><input type="checkbox" name="waiveFee" value="yes"${view.form.waiveFee ? html` checked` : ''}> Waive the fee</label>` : ''}
  <button class="danger" type="submit">Cancel reservation</button>
</form>`;
  return operatorPage(staff, `Cancel ${r.code}`, html`<h1>Cancel ${r.code}</h1>${body}<p><a href="${path(r.code)}">Back to the reservation</a></p>`);
}
