import type { ManagedRestaurant, ManagedSeating } from '@hatago/dining';
import type { StaffAccount } from '@hatago/identity';
import type { FieldError } from '@hatago/platform/errors';
import { html, type SafeHtml } from '@hatago/platform/html';
import { field, formAlert } from '@hatago/web-kit';
import { facilityPage, savedNotice } from './facility-page.ts';
import type { FormValues } from './form-values.ts';

export interface SeatingsPageState {
  /** The form that was refused: a seating's id, or 'new'. */
  refused?: { id: number | 'new'; values: FormValues; errors: FieldError[] };
  query?: unknown;
}

const FIELDS = ['startsAt', 'durationMinutes'];

function seatingForm(action: string, values: FormValues, errors: FieldError[], button: string): SafeHtml {
  return html`${formAlert(errors, FIELDS)}<form class="inline" method="post" action="${action}">
  ${field({ name: 'startsAt', label: 'Starts at', value: values.startsAt, required: true, attrs: { placeholder: '18:00' } }, errors)}
  ${field({ name: 'durationMinutes', label: 'Minutes at the table', type: 'number', value: values.durationMinutes, required: true, attrs: { min: 30, max: 480 } }, errors)}
  <button type="submit">${button}</button>
</form>`;
}

/** A restaurant's seatings: each a turn of the whole room, editable in place, and a form to add one. */
export function seatingsPage(staff: StaffAccount, restaurant: ManagedRestaurant, seatings: ManagedSeating[], state: SeatingsPageState = {}): string {
  const valuesFor = (id: number | 'new', stored: FormValues) => (state.refused?.id === id ? state.refused.values : stored);
  const errorsFor = (id: number | 'new') => (state.refused?.id === id ? state.refused.errors : []);
  return facilityPage(
    staff,
    'Seatings',
    html`<h1>Seatings</h1>${savedNotice(state.query)}
<p class="muted">Open ${restaurant.opensAt}–${restaurant.closesAt}. A seating is one turn of the whole room: seatings may not overlap, and a seating with upcoming bookings keeps its start time.</p>
${seatings.map(
  (s) => html`<div class="card"><h2>${s.startsAt}</h2>${seatingForm(
    `/facility/restaurant/seatings/${s.id}`,
    valuesFor(s.id, { startsAt: s.startsAt, durationMinutes: String(s.durationMinutes) }),
    errorsFor(s.id),
    'Save',
  )}</div>`,
)}
<h2>Add a seating</h2>
${seatingForm('/facility/restaurant/seatings', valuesFor('new', { durationMinutes: '120' }), errorsFor('new'), 'Add seating')}`,
  );
}
