import type { FieldError } from '@hatago/platform/errors';
import { html, type SafeHtml } from '@hatago/platform/html';
import { field, formAlert, select, yen } from './forms.ts';

/**
 * The staff consoles' form to change a stay (the front desk's and support's, for the same
 * domain change) and its preview of old against new. Shapes only: the consoles pass a
 * booking `Reservation` and catalogue plans, which fit these.
 */
export type StayChangeForm = Record<'planId' | 'checkin' | 'nights' | 'guests' | 'rooms' | 'version', string>;

const STAY_FIELDS = ['planId', 'checkin', 'nights', 'guests', 'rooms'] as const;

export interface ChangedStay {
  roomTypeName: string;
  planName: string;
  checkin: string;
  checkout: string;
  nights: number;
  guests: number;
  rooms: number;
  totalPrice: number;
  accommodationTax: number | null;
}

export interface PlanChoice {
  id: number;
  roomTypeName: string;
  nameEn: string;
  active: boolean;
}

export const stayChangeFormOf = (r: Omit<ChangedStay, 'roomTypeName' | 'planName' | 'checkout' | 'totalPrice' | 'accommodationTax'> & { planId: number; version: number }): StayChangeForm => ({
  planId: String(r.planId),
  checkin: r.checkin,
  nights: String(r.nights),
  guests: String(r.guests),
  rooms: String(r.rooms),
  version: String(r.version),
});

/** Reads the posted change as typed, so a refused one comes back as it was. */
export function readStayChangeForm(body: unknown): StayChangeForm {
  const input = typeof body === 'object' && body !== null ? (body as Record<string, unknown>) : {};
  const text = (name: keyof StayChangeForm) => (typeof input[name] === 'string' ? (input[name] as string) : '');
  return { planId: text('planId'), checkin: text('checkin'), nights: text('nights'), guests: text('guests'), rooms: text('rooms'), version: text('version') };
}

/** The change's fields, posting to `action` (its preview); the version shown travels with it. */
export function stayChangeForm(view: { action: string; form: StayChangeForm; plans: PlanChoice[]; errors: FieldError[] }): SafeHtml {
  const { form, errors } = view;
  const plans = view.plans
    .filter((p) => p.active || String(p.id) === form.planId)
    .map((p) => ({ value: p.id, label: `${p.roomTypeName} / ${p.nameEn}${p.active ? '' : ' (not on sale)'}` }));
  return html`${formAlert(errors, [...STAY_FIELDS])}
<form class="inline" method="post" action="${view.action}">
  ${select({ name: 'planId', label: 'Room type / plan', value: form.planId, options: plans }, errors)}
  ${field({ name: 'checkin', label: 'Check-in', type: 'date', value: form.checkin, required: true }, errors)}
  ${field({ name: 'nights', label: 'Nights', type: 'number', value: form.nights, attrs: { min: 1, max: 14 } }, errors)}
  ${field({ name: 'guests', label: 'Guests', type: 'number', value: form.guests, attrs: { min: 1, max: 8 } }, errors)}
  ${field({ name: 'rooms', label: 'Rooms', type: 'number', value: form.rooms, attrs: { min: 1, max: 4 } }, errors)}
  <input type="hidden" name="version" value="${form.version}">
  <button type="submit">Preview the change</button>
</form>`;
}

const plural = (n: number, unit: string) => `${n} ${unit}${n === 1 ? '' : 's'}`;
const stayLine = (s: ChangedStay) => `${s.checkin} → ${s.checkout} (${plural(s.nights, 'night')})`;

/**
 * Old against new, and the form that makes it so (posting to `confirmAction`) with the new
 * total it showed: prices that moved meanwhile refuse the change rather than charge a sum
 * nobody saw.
 */
export function stayChangeComparison(view: { before: ChangedStay; after: ChangedStay; unchanged: boolean; form: StayChangeForm; confirmAction: string }): SafeHtml {
  const { before: b, after: a } = view;
  const row = (label: string, old: string, next: string) =>
    html`<tr${old === next ? '' : html` class="changed"`}><th scope="row">${label}</th><td>${old}</td><td>${next}</td></tr>`;
  const tax = (amount: number | null) => (amount ? yen(amount) : '—');
  return html`${view.unchanged ? html`<p class="notice" role="status">This is the stay as it is: nothing to change.</p>` : ''}
<table><thead><tr><th></th><th scope="col">Now</th><th scope="col">After the change</th></tr></thead><tbody>
${row('Room / plan', `${b.roomTypeName} / ${b.planName}`, `${a.roomTypeName} / ${a.planName}`)}
${row('Stay', stayLine(b), stayLine(a))}
${row('Guests / rooms', `${plural(b.guests, 'guest')}, ${plural(b.rooms, 'room')}`, `${plural(a.guests, 'guest')}, ${plural(a.rooms, 'room')}`)}
${row('Total', yen(b.totalPrice), yen(a.totalPrice))}
${row('Accommodation tax (collected at the hotel)', tax(b.accommodationTax), tax(a.accommodationTax))}
</tbody></table>
<p>Difference: <strong class="price">${a.totalPrice >= b.totalPrice ? '+' : '−'}${yen(Math.abs(a.totalPrice - b.totalPrice))}</strong></p>
${
  view.unchanged
    ? ''
    : html`<form method="post" action="${view.confirmAction}">
  ${(['planId', 'checkin', 'nights', 'guests', 'rooms', 'version'] as const).map((name) => html`<input type="hidden" name="${name}" value="${view.form[name]}">`)}
  <input type="hidden" name="expectedTotal" value="${a.totalPrice}">
  <button type="submit">Confirm the change and mail the guest</button>
</form>`
}`;
}
