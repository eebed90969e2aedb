import type { ModificationPreview, Reservation } from '@hatago/booking';
import type { ManagedPlan } from '@hatago/catalog';
import type { StaffAccount } from '@hatago/identity';
import type { FieldError } from '@hatago/platform/errors';
import { html, type SafeHtml } from '@hatago/platform/html';
import { field, formAlert, select, yen } from '@hatago/web-kit';
import { facilityPage } from './facility-page.ts';

/** What the modify form holds: the reservation's values, or what staff typed when it came back refused. */
export type ModifyForm = Record<'planId' | 'checkin' | 'nights' | 'guests' | 'rooms' | 'version', string>;

const MODIFY_FIELDS = ['planId', 'checkin', 'nights', 'guests', 'rooms'];

export const modifyFormOf = (r: Reservation): ModifyForm => ({
  planId: String(r.planId),
  checkin: r.checkin,
  nights: String(r.nights),
  guests: String(r.guests),
  rooms: String(r.rooms),
  version: String(r.version),
});

/** What the front desk may do with a stay, on its page: the forms below its facts. */
export interface FrontDeskPanel {
  today: string;
  plans: ManagedPlan[];
  form: ModifyForm;
  errors: FieldError[];
}

const STATUS_LABELS: Record<Reservation['status'], string> = {
  confirmed: 'Confirmed',
  checked_in: 'Checked in',
  checked_out: 'Checked out',
  no_show: 'No-show',
  cancelled: 'Cancelled',
};
export const statusLabel = (status: Reservation['status']) => STATUS_LABELS[status];

const path = (r: Pick<Reservation, 'code'>, step: string) => `/facility/reservations/${r.code}/${step}`;
const plural = (n: number, unit: string) => `${n} ${unit}${n === 1 ? '' : 's'}`;

/** A one-button form for a step of the stay; `back` says which page to return to. */
export const stepButton = (r: Pick<Reservation, 'code'>, step: 'check-in' | 'check-out', label: string, back?: 'dashboard') =>
  html`<form method="post" action="${path(r, step)}">${back ? html`<input type="hidden" name="back" value="${back}">` : ''}<button type="submit">${label}</button></form>`;

function modifyFields(panel: FrontDeskPanel): SafeHtml {
  const { form, errors } = panel;
  const planOptions = panel.plans
    .filter((p) => p.active || String(p.id) === form.planId)
    .map((p) => ({ value: p.id, label: `${p.roomTypeName} / ${p.nameEn}${p.active ? '' : ' (not on sale)'}` }));
  return html`${select({ name: 'planId', label: 'Room type / plan', value: form.planId, options: planOptions }, errors)}
  ${field({ name: 'checkin', label: 'Check-in', type: 'date', value: form.checkin, required: true }, errors)}
  ${field({ name: 'nights', label: 'Nights', type: 'number', value: form.nights, attrs: { min: 1, max: 14 } }, errors)}
  ${field({ name: 'guests', label: 'Guests', type: 'number', value: form.guests, attrs: { min: 1, max: 8 } }, errors)}
  ${field({ name: 'rooms', label: 'Rooms', type: 'number', value: form.rooms, attrs: { min: 1, max: 4 } }, errors)}
  <input type="hidden" name="version" value="${form.version}">`;
}

/** The steps a stay's status allows today; the domain judges again, these only spare staff a refusal. */
export function frontDeskPanel(r: Reservation, panel: FrontDeskPanel): SafeHtml {
  if (r.status === 'checked_in') return html`<section aria-labelledby="desk"><h2 id="desk">Front desk</h2>${stepButton(r, 'check-out', 'Check out')}</section>`;
  if (r.status !== 'confirmed') return html``;
  const arrived = panel.today >= r.checkin;
  return html`<section aria-labelledby="desk"><h2 id="desk">Front desk</h2>
${
  arrived
    ? html`<div class="actions">${panel.today < r.checkout ? stepButton(r, 'check-in', 'Check in') : ''}<a class="button secondary" href="${path(r, 'no-show')}">Mark as no-show…</a></div>`
    : html`<p class="muted">Check-in and no-show open on the arrival date, ${r.checkin}.</p>`
}
<h3>Change the stay</h3>
<p class="muted">The change is priced at today's rates and the chosen plan's terms; you see the new total before confirming. The guest is mailed what changed.</p>
${formAlert(panel.errors, MODIFY_FIELDS)}
<form class="inline" method="post" action="${path(r, 'modify/preview')}">
  ${modifyFields(panel)}
  <button type="submit">Preview the change</button>
</form></section>`;
}

function stayLine(s: Pick<Reservation, 'checkin' | 'checkout' | 'nights'>): string {
  return `${s.checkin} → ${s.checkout} (${plural(s.nights, 'night')})`;
}

/** Old against new, and the form that makes it so with the total shown (a price moved meanwhile refuses it). */
export function modificationPreviewPage(staff: StaffAccount, preview: ModificationPreview, form: ModifyForm): string {
  const { before: b, after: a } = preview;
  const row = (label: string, old: string, next: string) =>
    html`<tr${old === next ? '' : html` class="changed"`}><th scope="row">${label}</th><td>${old}</td><td>${next}</td></tr>`;
  const tax = (amount: number | null) => (amount ? yen(amount) : '—');
  return facilityPage(
    staff,
    `Change ${b.code}`,
    html`<h1>Change reservation ${b.code}</h1>
${preview.unchanged ? html`<p class="notice" role="status">This is the stay as it is: nothing to change.</p>` : ''}
<table><thead><tr><th></th><th scope="col">Now</th><th scope="col">After the change</th></tr></thead><tbody>
${row('Room / plan', `${b.roomTypeName} / ${b.planName}`, `${a.roomTypeName} / ${a.planName}`)}
${row('Stay', stayLine(b), stayLine(a))}
${row('Guests / rooms', `${plural(b.guests, 'guest')}, ${plural(b.rooms, 'room')}`, `${plural(a.guests, 'guest')}, ${plural(a.rooms, 'room')}`)}
${row('Total', yen(b.totalPrice), yen(a.totalPrice))}
${row('Accommodation tax (collected at the hotel)', tax(b.accommodationTax), tax(a.accommodationTax))}
</tbody></table>
<p>Difference: <strong class="price">${a.totalPrice >= b.totalPrice ? '+' : '−'}${yen(Math.abs(a.totalPrice - b.totalPrice))}</strong></p>
${
  preview.unchanged
    ? ''
    : html`<form method="post" action="${path(b, 'modify')}">
  ${(['planId', 'checkin', 'nights', 'guests', 'rooms', 'version'] as const).map((name) => html`<input type="hidden" name="${name}" value="${form[name]}">`)}
  <input type="hidden" name="expectedTotal" value="${a.totalPrice}">
  <button type="submit">Confirm the change and mail the guest</button>
</form>`
}
<p><a href="/facility/reservations/${b.code}">Back to the reservation</a></p>`,
  );
}

/** The second step of a no-show: what it charges and gives back, before anything happens. */
export function noShowPage(staff: StaffAccount, r: Reservation, fee: number): string {
  return facilityPage(
    staff,
    `No-show ${r.code}`,
    html`<h1>Mark ${r.code} as a no-show</h1>
<div class="card"><dl class="facts">
  <dt>Guest</dt><dd>${r.guest.name} / ${r.guest.nameLatin}</dd>
  <dt>Stay</dt><dd>${stayLine(r)}</dd>
  <dt>Total</dt><dd>${yen(r.totalPrice)}</dd>
  <dt>No-show fee</dt><dd class="price">${yen(fee)} (${r.noShowFeePercent}% of the stay)</dd>
</dl></div>
<p>The guest is charged the fee, and the rooms of the nights from today on go back on sale. This cannot be undone here.</p>
<form method="post" action="${path(r, 'no-show')}"><button class="danger" type="submit">Mark as no-show and charge ${yen(fee)}</button></form>
<p><a href="/facility/reservations/${r.code}">Back to the reservation</a></p>`,
  );
}
