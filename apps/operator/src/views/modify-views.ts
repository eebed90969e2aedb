import type { ModificationPreview, Reservation } from '@hatago/booking';
import type { StaffAccount } from '@hatago/identity';
import type { FieldError } from '@hatago/platform/errors';
import { html } from '@hatago/platform/html';
import { type PlanChoice, stayChangeComparison, stayChangeForm, type StayChangeForm } from '@hatago/web-kit';
import { operatorPage } from './operator-page.ts';

const modifyPath = (code: string, step = '') => `/operator/reservations/${encodeURIComponent(code)}/modify${step}`;
const back = (code: string) => html`<p><a href="/operator/reservations/${encodeURIComponent(code)}">Back to the reservation</a></p>`;

/** The change form on the guest's behalf, with a refusal's reason (`alert`) or field errors when it came back. */
export function modifyPage(staff: StaffAccount, r: Reservation, view: { form: StayChangeForm; plans: PlanChoice[]; errors?: FieldError[]; alert?: string }): string {
  return operatorPage(
    staff,
    `Change ${r.code}`,
    html`<h1>Change ${r.code} on the guest's behalf</h1>
${view.alert ? html`<div class="alert" role="alert">${view.alert}</div>` : ''}
<p>${r.hotelName}: ${r.roomTypeName} / ${r.planName}, ${r.checkin} → ${r.checkout}.</p>
<p class="muted">The change is priced at today's rates and the chosen plan's terms; you see the new total before confirming. The guest is mailed what changed, and the change is in the reservation's history.</p>
${r.status === 'confirmed' ? stayChangeForm({ action: modifyPath(r.code, '/preview'), form: view.form, plans: view.plans, errors: view.errors ?? [] }) : html`<p class="notice">Only a confirmed stay not yet checked in can be changed.</p>`}
${back(r.code)}`,
  );
}

export function modifyPreviewPage(staff: StaffAccount, preview: ModificationPreview, form: StayChangeForm): string {
  const { code } = preview.before;
  return operatorPage(
    staff,
    `Change ${code}`,
    html`<h1>Change ${code} on the guest's behalf</h1>
${stayChangeComparison({ ...preview, form, confirmAction: modifyPath(code) })}
${back(code)}`,
  );
}
