import { RESERVATION_STATUSES, type Reservation, type ReservationFilterForm } from '@hatago/booking';
import type { StaffAccount } from '@hatago/identity';
import type { FieldError } from '@hatago/platform/errors';
import { html, type SafeHtml } from '@hatago/platform/html';
import { field, formAlert, guaranteeStateLabel, pageLinkWith, pagination, select, type StayStatus, stayStatusLabel, tokyoTime, yen } from '@hatago/web-kit';
import { PAGE_SIZE } from '../routes/reservation-filter.ts';
import { facilityPage, scrollRegion } from './facility-page.ts';

const FILTER_FIELDS = ['from', 'to', 'status', 'name', 'code', 'page'];

/** The filter both consoles share; `basePath` is the list it searches, `dateLabel` what its dates bound, `statuses` what it offers. */
export function reservationFilter(basePath: string, dateLabel: string, statuses: readonly StayStatus[], form: ReservationFilterForm, errors: FieldError[]): SafeHtml {
  return html`${formAlert(errors, FILTER_FIELDS)}
<form class="inline" method="get" action="${basePath}">
  ${field({ name: 'from', label: `${dateLabel} from`, type: 'date', value: form.from }, errors)}
  ${field({ name: 'to', label: `${dateLabel} to`, type: 'date', value: form.to }, errors)}
  ${select({ name: 'status', label: 'Status', value: form.status, options: [{ value: '', label: 'Any' }, ...statuses.map((s) => ({ value: s, label: stayStatusLabel(s) }))] }, errors)}
  ${field({ name: 'name', label: 'Guest name', value: form.name }, errors)}
  ${field({ name: 'code', label: 'Code', value: form.code }, errors)}
  <button type="submit">Search</button>
</form>`;
}

/** The count of matches, the CSV export of the same filter, and the page links: around every result table. */
export function reservationResults(basePath: string, form: ReservationFilterForm, total: number, table: SafeHtml): SafeHtml {
  const exportFields = (['from', 'to', 'status', 'name', 'code'] as const).map((name) => html`<input type="hidden" name="${name}" value="${form[name]}">`);
  return html`<div class="actions"><p>${total} reservation${total === 1 ? '' : 's'}</p>
<form method="post" action="${basePath}/export">${exportFields}<button class="secondary" type="submit">Export as CSV</button></form></div>
${table}
${pagination({ page: Number(form.page) || 1, pageSize: PAGE_SIZE, total, link: pageLinkWith(basePath, form) })}`;
}

export function reservationListPage(
  staff: StaffAccount,
  form: ReservationFilterForm,
  result: { items: Reservation[]; total: number } | null,
  errors: FieldError[] = [],
): string {
  return facilityPage(
    staff,
    'Reservations',
    html`<h1>Reservations</h1>${reservationFilter('/facility/reservations', 'Check-in', RESERVATION_STATUSES, form, errors)}
${
  result
    ? reservationResults(
        '/facility/reservations',
        form,
        result.total,
        scrollRegion('Reservations', html`<table><thead><tr><th>Code</th><th>Status</th><th>Check-in</th><th>Nights</th><th>Guest</th><th>Room / plan</th><th>Total</th></tr></thead><tbody>${result.items.map(
          (r) => html`<tr><td><a href="/facility/reservations/${r.code}">${r.code}</a></td><td class="status-${r.status}">${stayStatusLabel(r.status)}</td><td>${r.checkin}</td>
<td>${r.nights}</td><td>${r.guest.name}<div class="muted">${r.guest.nameLatin}</div></td><td>${r.roomTypeName}<div class="muted">${r.planName}</div></td><td>${yen(r.totalPrice)}</td></tr>`,
        )}</tbody></table>`),
      )
    : ''
}`,
  );
}

/** When the front desk's steps happened, and what a no-show was charged. */
function statusDetail(r: Reservation): SafeHtml {
  const at = (iso: string | null) => (iso ? tokyoTime(iso, 'minute') : '');
  if (r.cancelledAt) return html` (${at(r.cancelledAt)}, by ${r.cancelledBy})`;
  if (r.status === 'no_show') return html` (${at(r.noShowAt)}; fee charged ${yen(r.noShowFee ?? 0)})`;
  const steps = [r.checkedInAt && `in ${at(r.checkedInAt)}`, r.checkedOutAt && `out ${at(r.checkedOutAt)}`].filter(Boolean);
  return steps.length ? html` (${steps.join(', ')})` : html``;
}

/** A stay's page: its facts, a line after a change (`notice`) or a refusal (`alert`), and the front desk's forms (`panel`). */
export function reservationPage(staff: StaffAccount, r: Reservation, extra: { panel?: SafeHtml; notice?: string; alert?: string } = {}): string {
  return facilityPage(
    staff,
    `Reservation ${r.code}`,
    html`<h1>Reservation ${r.code}</h1>
${extra.notice ? html`<p class="notice" role="status">${extra.notice}</p>` : ''}${extra.alert ? html`<div class="alert" role="alert">${extra.alert}</div>` : ''}
<div class="card"><dl class="facts">
  <dt>Status</dt><dd class="status-${r.status}">${stayStatusLabel(r.status)}${statusDetail(r)}</dd>
  <dt>Stay</dt><dd>${r.checkin} → ${r.checkout} (${r.nights} night${r.nights === 1 ? '' : 's'})</dd>
  <dt>Rooms / guests</dt><dd>${r.rooms} room${r.rooms === 1 ? '' : 's'}, ${r.adults} adult${r.adults === 1 ? '' : 's'}${
    r.children ? `, ${r.children} ${r.children === 1 ? 'child' : 'children'}` : ''
  }</dd>
  <dt>Arrival</dt><dd data-testid="arrival-time">${r.arrivalTime ?? 'Not given'}</dd>
  <dt>Requests</dt><dd data-testid="requests">${r.requests ?? 'None'}</dd>
  <dt>Payment</dt><dd data-testid="payment">${
    r.payment.kind === 'guarantee' ? `Card guarantee: ${guaranteeStateLabel(r.payment)}` : 'Paid at the hotel'
  }</dd>
  <dt>Room type</dt><dd>${r.roomTypeName}</dd>
  <dt>Plan</dt><dd>${r.planName} (${r.meals})</dd>
  <dt>Total</dt><dd class="price">${yen(r.totalPrice)}</dd>
  <dt>Cancellation</dt><dd>Free until ${r.cancellationPolicy.freeCancelDays} day(s) before check-in, then ${r.cancellationPolicy.feePercent}%${
    r.cancelFee !== null ? html`; fee charged ${yen(r.cancelFee)}` : ''
  }</dd>
  <dt>No-show</dt><dd>${r.noShowFeePercent}% of the total is charged</dd>
  <dt>Guest</dt><dd>${r.guest.name} / ${r.guest.nameLatin}</dd>
  <dt>Email</dt><dd>${r.guest.email}</dd>
  <dt>Phone</dt><dd>${r.guest.phone}</dd>
  <dt>Language</dt><dd>${r.locale}</dd>
  <dt>Booked</dt><dd>${tokyoTime(r.createdAt, 'minute')}</dd>
</dl></div>
${extra.panel ?? ''}
<p><a href="/facility/reservations">Back to reservations</a></p>`,
  );
}
