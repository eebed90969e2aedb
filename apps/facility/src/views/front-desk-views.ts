import type { ModificationPreview, Reservation } from '@hatago/booking';
import type { ManagedPlan } from '@hatago/catalog';
import type { StaffAccount } from '@hatago/identity';
import type { FieldError } from '@hatago/platform/errors';
import { html, type SafeHtml } from '@hatago/platform/html';
import { stayChangeComparison, stayChangeForm, type StayChangeForm, yen } from '@hatago/web-kit';
import { facilityPage } from './facility-page.ts';

/** What the front desk may do with a stay, on its page: the forms below its facts. */
export interface FrontDeskPanel {
  today: string;
  plans: ManagedPlan[];
  form: StayChangeForm;
  errors: FieldError[];
}

const path = (r: Pick<Reservation, 'code'>, step: string) => `/facility/reservations/${r.code}/${step}`;
const plural = (n: number, unit: string) => `${n} ${unit}${n === 1 ? '' : 's'}`;

/** A one-button form for a step of the stay; `back` says which page to return to. */
export const stepButton = (r: Pick<Reservation, 'code'>, step: 'check-in' | 'check-out', label: string, back?: 'dashboard') =>
  html`<form method="post" action="${path(r, step)}">${back ? html`<input type="hidden" name="back" value="${back}">` : ''}<button type="submit">${label}</button></form>`;

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
${stayChangeForm({ action: path(r, 'modify/preview'), form: panel.form, plans: panel.plans, errors: panel.errors })}</section>`;
}

/** Old against new, and the form that makes it so. */
export function modificationPreviewPage(staff: StaffAccount, preview: ModificationPreview, form: StayChangeForm): string {
  const { before } = preview;
  return facilityPage(
    staff,
    `Change ${before.code}`,
    html`<h1>Change reservation ${before.code}</h1>
${stayChangeComparison({ ...preview, form, confirmAction: path(before, 'modify') })}
<p><a href="/facility/reservations/${before.code}">Back to the reservation</a></p>`,
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
  <dt>Stay</dt><dd>${r.checkin} → ${r.checkout} (${plural(r.nights, 'night')})</dd>
  <dt>Total</dt><dd>${yen(r.totalPrice)}</dd>
  <dt>No-show fee</dt><dd class="price">${yen(fee)} (${r.noShowFeePercent}% of the stay)</dd>
</dl></div>
<p>The guest is charged the fee, and the rooms of the nights from today on go back on sale. This cannot be undone here.</p>
<form method="post" action="${path(r, 'no-show')}"><button class="danger" type="submit">Mark as no-show and charge ${yen(fee)}</button></form>
<p><a href="/facility/reservations/${r.code}">Back to the reservation</a></p>`,
  );
}
