import { type CapacityDay, type ManagedRestaurant, type ManagedSeating, unitField } from '@hatago/dining';
import type { StaffAccount } from '@hatago/identity';
import type { FieldError } from '@hatago/platform/errors';
import { html } from '@hatago/platform/html';
import { DATE_WORDS } from '@hatago/platform/input';
import { field, formAlert, select } from '@hatago/web-kit';
import { facilityPage, savedNotice } from './facility-page.ts';
import { textOf } from './form-values.ts';
import { monthCalendar } from './month-calendar.ts';
import { rangeFields } from './range-fields.ts';

export interface CapacityPageState {
  month: string;
  days: CapacityDay[];
  capacityValues?: Record<string, unknown>;
  capacityErrors?: FieldError[];
  closedValues?: Record<string, unknown>;
  closedErrors?: FieldError[];
  query?: unknown;
}

const unitName = (tableSeats: number) => (tableSeats === 0 ? 'seats' : `for ${tableSeats}`);

/** A month of the restaurant: each seating's sold and offered capacity by date, with the range forms. */
export function capacityPage(staff: StaffAccount, restaurant: ManagedRestaurant, seatings: ManagedSeating[], state: CapacityPageState): string {
  const capacityErrors = state.capacityErrors ?? [];
  const closedErrors = state.closedErrors ?? [];
  const byDate = new Map(state.days.map((d) => [d.date, d]));
  const units = restaurant.capacityMode === 'seats' ? [{ tableSeats: 0, base: restaurant.seats ?? 0 }] : restaurant.tables.map((t) => ({ tableSeats: t.seats, base: t.tables }));
  const unitFields = units.map((u) => unitField(u.tableSeats));
  return facilityPage(
    staff,
    'Capacity',
    html`<h1>Capacity</h1>${savedNotice(state.query, 'date')}
<p class="muted">Each seating sells ${units.map((u) => (u.tableSeats === 0 ? `${u.base} seats` : `${u.base} table(s) for ${u.tableSeats}`)).join(', ')} unless a date says otherwise. Figures are sold / on sale.</p>
${monthCalendar(
  state.month,
  (date) => {
    const day = byDate.get(date)!;
    if (day.closed) return { body: html`<strong>${day.holiday ? 'Closed' : 'Not open'}</strong>`, className: 'closed' };
    return {
      body: html`${day.seatings.map(
        (s) => html`<div>${s.time} ${s.units.map((u) => `${u.reserved}/${u.total} ${unitName(u.tableSeats)}`).join(' · ')}</div>`,
      )}<div><a href="/facility/restaurant/day?date=${date}">Day</a></div>`,
    };
  },
  (month) => `/facility/restaurant/capacity?month=${month}`,
)}
<h2>Set capacity for a range</h2>
${formAlert(capacityErrors, ['from', 'to', 'weekday', 'seating', ...unitFields])}
<form class="stack" method="post" action="/facility/restaurant/capacity">
  ${rangeFields(state.capacityValues ?? {}, capacityErrors, DATE_WORDS)}
  ${select({ name: 'seating', label: 'Seating', value: textOf(state.capacityValues?.seating), options: [{ value: '', label: 'Every seating' }, ...seatings.map((s) => ({ value: s.id, label: s.startsAt }))] }, capacityErrors)}
  ${units.map((u) =>
    field(
      {
        name: unitField(u.tableSeats),
        label: u.tableSeats === 0 ? 'Seats on sale (0 closes the seating)' : `Tables for ${u.tableSeats} on sale`,
        type: 'number',
        value: textOf(state.capacityValues?.[unitField(u.tableSeats)]) || String(u.base),
        required: true,
        attrs: { min: 0 },
      },
      capacityErrors,
    ),
  )}
  <button type="submit">Set capacity</button>
</form>
<h2>Close or open dates</h2>
${formAlert(closedErrors, ['from', 'to', 'weekday', 'closed'])}
<form class="stack" method="post" action="/facility/restaurant/closed">
  ${rangeFields(state.closedValues ?? {}, closedErrors, DATE_WORDS)}
  ${select({ name: 'closed', label: 'Dates', value: textOf(state.closedValues?.closed) || 'close', options: [{ value: 'close', label: 'Close (bookings made stay)' }, { value: 'open', label: 'Open again' }] }, closedErrors)}
  <button type="submit">Apply</button>
</form>`,
  );
}
