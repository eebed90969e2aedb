import { MEALS, PLAN_PAYMENTS, type ManagedPlan, type ManagedRoomType, type PriceDay } from '@hatago/catalog';
import type { StaffAccount } from '@hatago/identity';
import type { FieldError } from '@hatago/platform/errors';
import { html, type SafeHtml } from '@hatago/platform/html';
import { field, formAlert, select, yen } from '@hatago/web-kit';
import { facilityPage, savedNotice, scrollRegion } from './facility-page.ts';
import type { FormValues } from './form-values.ts';
import { monthCalendar } from './month-calendar.ts';

export const MEAL_LABELS: Record<ManagedPlan['meals'], string> = {
  room_only: 'Room only',
  breakfast: 'Breakfast',
  half_board: 'Breakfast and dinner',
};

const PAYMENT_LABELS: Record<(typeof PLAN_PAYMENTS)[number], string> = {
  at_hotel: 'Paid at the hotel',
  guarantee: 'Card guarantee required at booking',
};

const policy = (plan: Pick<ManagedPlan, 'freeCancelDays' | 'cancelFeePercent' | 'noShowFeePercent' | 'guaranteeRequired'>) =>
  `Free until ${plan.freeCancelDays} day(s) before check-in, then ${plan.cancelFeePercent}%; no-show ${plan.noShowFeePercent}%; ${plan.guaranteeRequired ? 'card guarantee' : 'paid at the hotel'}`;

export function planListPage(staff: StaffAccount, plans: ManagedPlan[], query: unknown): string {
  return facilityPage(
    staff,
    'Plans',
    html`<h1>Plans &amp; prices</h1>${savedNotice(query)}
<p><a class="button" href="/facility/plans/new">Add a plan</a></p>
${scrollRegion('Rate plans', html`<table><thead><tr><th>Plan</th><th>Room type</th><th>Meals</th><th>Cancellation</th><th>Sold for stays</th><th>State</th></tr></thead><tbody>${plans.map(
      (p) => html`<tr><td><a href="/facility/plans/${p.id}">${p.nameEn}</a><div class="muted">${p.nameJa}</div></td><td>${p.roomTypeName}</td>
<td>${MEAL_LABELS[p.meals]}</td><td>${policy(p)}</td><td>${p.saleStart ?? 'open'} – ${p.saleEnd ?? 'open'}</td><td>${p.active ? 'On sale' : 'Inactive'}</td></tr>`,
    )}</tbody></table>`)}`,
  );
}

const PLAN_FIELDS = ['roomTypeId', 'nameJa', 'nameEn', 'meals', 'freeCancelDays', 'cancelFeePercent', 'noShowFeePercent', 'payment', 'saleStart', 'saleEnd'];

function planFields(values: FormValues, errors: FieldError[]): SafeHtml {
  return html`${field({ name: 'nameJa', label: 'Name (Japanese)', value: values.nameJa, required: true }, errors)}
  ${field({ name: 'nameEn', label: 'Name (English)', value: values.nameEn, required: true }, errors)}
  ${select({ name: 'meals', label: 'Meals', value: values.meals ?? 'room_only', options: MEALS.map((m) => ({ value: m, label: MEAL_LABELS[m] })) }, errors)}
  ${field({ name: 'freeCancelDays', label: 'Free cancellation until (days before check-in)', type: 'number', value: values.freeCancelDays ?? '3', required: true, attrs: { min: 0, max: 365 } }, errors)}
  ${field({ name: 'cancelFeePercent', label: 'Fee after that (% of the price)', type: 'number', value: values.cancelFeePercent ?? '100', required: true, attrs: { min: 0, max: 100 } }, errors)}
  ${field({ name: 'noShowFeePercent', label: 'No-show fee (% of the whole stay)', type: 'number', value: values.noShowFeePercent ?? '100', required: true, attrs: { min: 0, max: 100 } }, errors)}
  ${select({ name: 'payment', label: 'Payment', value: values.payment ?? 'at_hotel', options: PLAN_PAYMENTS.map((p) => ({ value: p, label: PAYMENT_LABELS[p] })) }, errors)}
  ${field({ name: 'saleStart', label: 'Sold for stays from (empty = open)', type: 'date', value: values.saleStart }, errors)}
  ${field({ name: 'saleEnd', label: 'Sold for stays until (empty = open)', type: 'date', value: values.saleEnd }, errors)}`;
}

export function newPlanPage(staff: StaffAccount, roomTypes: ManagedRoomType[], values: FormValues, errors: FieldError[] = []): string {
  return facilityPage(
    staff,
    'New plan',
    html`<h1>New plan</h1>${formAlert(errors, PLAN_FIELDS)}
<p class="muted">A new plan starts inactive: give it prices, then put it on sale.</p>
<form class="stack" method="post" action="/facility/plans">
  ${select({ name: 'roomTypeId', label: 'Room type', value: values.roomTypeId ?? '', options: roomTypes.map((rt) => ({ value: rt.id, label: rt.nameEn })) }, errors)}
  ${planFields(values, errors)}
  <button type="submit">Create plan</button>
</form>`,
  );
}

export interface PlanPageState {
  month: string;
  prices: PriceDay[];
  planValues: FormValues;
  planErrors?: FieldError[];
  query?: unknown;
}

/** One plan: its terms, its sale switch, and its prices as a month calendar (changed on the grid). */
export function planPage(staff: StaffAccount, plan: ManagedPlan, state: PlanPageState): string {
  const planErrors = state.planErrors ?? [];
  const byDate = new Map(state.prices.map((d) => [d.date, d.price]));
  return facilityPage(
    staff,
    plan.nameEn,
    html`<h1>${plan.nameEn}</h1>${savedNotice(state.query)}
<p>${plan.roomTypeName} · ${plan.active ? 'On sale' : 'Inactive'}</p>
<form method="post" action="/facility/plans/${plan.id}/active">
  <input type="hidden" name="active" value="${plan.active ? 'false' : 'true'}">
  <button type="submit" class="${plan.active ? 'danger' : ''}">${plan.active ? 'Stop selling this plan' : 'Put this plan on sale'}</button>
</form>
<h2>Nightly prices</h2>
<p>Change prices on <a href="/facility/inventory?from=${state.prices[0]!.date}">the rate and availability grid</a>, one night at a time or over a range.</p>
${monthCalendar(
  state.month,
  (date) => {
    const price = byDate.get(date) ?? null;
    return price === null ? { body: html`<span class="muted">no price</span>`, className: 'unset' } : { body: html`<span class="price">${yen(price)}</span>` };
  },
  (month) => `/facility/plans/${plan.id}?month=${month}`,
)}
<h2>Plan terms</h2>
${formAlert(planErrors, PLAN_FIELDS)}
<form class="stack" method="post" action="/facility/plans/${plan.id}">
  ${planFields(state.planValues, planErrors)}
  <button type="submit">Save terms</button>
</form>`,
  );
}
