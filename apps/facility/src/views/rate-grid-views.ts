import { bulkPriceField, GRID_DAYS, gridField, type GridRoomType, MAX_MIN_STAY, type RateGrid } from '@hatago/catalog';
import type { StaffAccount } from '@hatago/identity';
import type { FieldError } from '@hatago/platform/errors';
import { html, type SafeHtml } from '@hatago/platform/html';
import { addDays } from '@hatago/platform/time';
import { errorFor, field, formAlert, select } from '@hatago/web-kit';
import { facilityPage, savedNotice, scrollRegion } from './facility-page.ts';
import { occupancyPriceForm, occupancyRow } from './occupancy-price-form.ts';
import { textOf } from './form-values.ts';
import { rangeFields } from './range-fields.ts';

export interface RateGridPageState {
  grid: RateGrid;
  /** What was sent back with errors; the stored values otherwise. */
  gridValues?: Record<string, unknown>;
  gridErrors?: FieldError[];
  bulkValues?: Record<string, unknown>;
  bulkErrors?: FieldError[];
  occupancyValues?: Record<string, unknown>;
  occupancyErrors?: FieldError[];
  query?: unknown;
}

const WEEKDAY = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const dayLabel = (date: string) => `${WEEKDAY[new Date(`${date}T00:00:00Z`).getUTCDay()]} ${date.slice(5)}`;
const BULK_FIELDS = ['from', 'to', 'weekday', 'roomTypeId', 'total', 'stopSell', 'minStay', 'cta', 'ctd'];

interface Cell {
  name: string;
  /** What a screen reader hears for the input: the row, room type and date. */
  label: string;
}

/** One labelled input of the grid, with its error under it; the label is for screen readers, the row and column say it on screen. */
function numberCell(cell: Cell, value: string, errors: FieldError[], limits: { min: number; max?: number }): SafeHtml {
  const error = errorFor(errors, cell.name);
  return html`<td class="${error ? 'field-error' : ''}"><label><span class="visually-hidden">${cell.label}</span><input name="${cell.name}" type="number" inputmode="numeric" min="${limits.min}"${
    limits.max === undefined ? '' : html` max="${limits.max}"`
  } value="${value}"${error ? html` aria-invalid="true"` : ''}></label>${error ? html`<span class="error-text">${error}</span>` : ''}</td>`;
}

function checkCell(cell: Cell, checked: boolean): SafeHtml {
  return html`<td><label><span class="visually-hidden">${cell.label}</span><input name="${cell.name}" type="checkbox"${checked ? html` checked` : ''}></label></td>`;
}

/** The rows of one room type: rooms, sold, stop-sell, restrictions, then each plan's price. */
function roomTypeRows(rt: GridRoomType, state: RateGridPageState): SafeHtml {
  const errors = state.gridErrors ?? [];
  const sent = state.gridValues;
  const cell = (what: Parameters<typeof gridField>[0], id: number, date: string, row: string): Cell => ({
    name: gridField(what, id, date),
    label: `${row}, ${rt.nameEn}, ${dayLabel(date)}`,
  });
  const text = (name: string, stored: number | null) => (sent ? textOf(sent[name]) : stored === null ? '' : String(stored));
  const ticked = (name: string, stored: boolean) => (sent ? sent[name] === 'on' : stored);
  const row = (heading: string, cells: SafeHtml[]) => html`<tr><th scope="row">${heading}</th>${cells}</tr>`;
  return html`<tbody>
<tr class="room-type"><th scope="rowgroup" colspan="${GRID_DAYS + 1}">${rt.nameEn} <span class="muted">${rt.nameJa}</span></th></tr>
${row('Rooms for sale', rt.nights.map((n) => { const c = cell('total', rt.id, n.date, 'Rooms for sale'); return numberCell(c, text(c.name, n.total), errors, { min: 0 }); }))}
${row('Sold', rt.nights.map((n) => html`<td>${n.total === null ? html`<span class="muted">–</span>` : n.reserved}</td>`))}
${row('Stop-sell', rt.nights.map((n) => { const c = cell('stop', rt.id, n.date, 'Stop-sell'); return checkCell(c, ticked(c.name, n.stopSell)); }))}
${row('Minimum stay (nights)', rt.nights.map((n) => { const c = cell('minStay', rt.id, n.date, 'Minimum stay'); return numberCell(c, text(c.name, n.minStay), errors, { min: 1, max: MAX_MIN_STAY }); }))}
${row('Closed to arrival', rt.nights.map((n) => { const c = cell('cta', rt.id, n.date, 'Closed to arrival'); return checkCell(c, ticked(c.name, n.closedToArrival)); }))}
${row('Closed to departure', rt.nights.map((n) => { const c = cell('ctd', rt.id, n.date, 'Closed to departure'); return checkCell(c, ticked(c.name, n.closedToDeparture)); }))}
${rt.plans.map((p) => [
  row(`Price: ${p.nameEn}`, state.grid.dates.map((date, i) => {
    const c: Cell = { name: gridField('price', p.id, date), label: `Price of ${p.nameEn}, ${rt.nameEn}, ${dayLabel(date)}` };
    return numberCell(c, text(c.name, p.prices[i] ?? null), errors, { min: 1 });
  })),
  occupancyRow(p),
])}
</tbody>`;
}

function bulkForm(state: RateGridPageState): SafeHtml {
  const values = state.bulkValues ?? {};
  const errors = state.bulkErrors ?? [];
  const toggle = (name: string, label: string) =>
    select({ name, label, value: textOf(values[name]), options: [{ value: '', label: 'Leave as it is' }, { value: 'on', label: 'Set' }, { value: 'off', label: 'Clear' }] }, errors);
  const plans = state.grid.roomTypes.flatMap((rt) => rt.plans.map((p) => ({ ...p, roomType: rt.nameEn })));
  return html`<h2 id="bulk">Change a range at once</h2>
<p>Applies to every chosen night, in one change; fields left empty stay as they are.</p>
${formAlert(errors, [...BULK_FIELDS, ...plans.map((p) => bulkPriceField(p.id))])}
<form class="stack" method="post" action="/facility/inventory/bulk">
  ${rangeFields(values, errors)}
  ${select({ name: 'roomTypeId', label: 'Room type', value: textOf(values.roomTypeId) || 'all', options: [{ value: 'all', label: 'All room types' }, ...state.grid.roomTypes.map((rt) => ({ value: rt.id, label: rt.nameEn }))] }, errors)}
  ${field({ name: 'total', label: 'Rooms for sale', type: 'number', value: textOf(values.total), attrs: { min: 0 } }, errors)}
  ${toggle('stopSell', 'Stop-sell')}
  ${field({ name: 'minStay', label: `Minimum stay (1 to ${MAX_MIN_STAY} nights)`, type: 'number', value: textOf(values.minStay), attrs: { min: 1, max: MAX_MIN_STAY } }, errors)}
  ${toggle('cta', 'Closed to arrival')}
  ${toggle('ctd', 'Closed to departure')}
  <fieldset><legend>Price per night (yen), for the chosen room type's plans</legend>
  ${plans.map((p) => field({ name: bulkPriceField(p.id), label: `${p.nameEn} (${p.roomType})`, type: 'number', value: textOf(values[bulkPriceField(p.id)]), attrs: { min: 1 } }, errors))}
  </fieldset>
  <button type="submit">Apply to the range</button>
</form>`;
}

/** Why the grid was not saved: what concerns the whole grid in words, the bad cells counted (each is marked where it stands). */
function gridAlert(errors: FieldError[]): SafeHtml {
  const whole = errors.filter((e) => e.field === 'from' || e.field === 'version');
  const cells = errors.length - whole.length;
  return html`<div class="alert" role="alert"><div>Nothing was saved.${cells ? ` Correct the ${cells === 1 ? 'value' : `${cells} values`} marked below.` : ''}</div>${whole.map((e) => html`<div>${e.message}</div>`)}</div>`;
}

/** Room types × GRID_DAYS dates, editable in place as one form, and the bulk change below. */
export function rateGridPage(staff: StaffAccount, state: RateGridPageState): string {
  const { grid } = state;
  const errors = state.gridErrors ?? [];
  const at = (from: string) => `/facility/inventory?from=${from}`;
  return facilityPage(
    staff,
    'Rates and availability',
    html`<h1>Rates and availability</h1>${savedNotice(state.query, 'cell')}
<nav class="actions" aria-label="Dates shown">
  <a href="${at(addDays(grid.from, -GRID_DAYS))}">← Previous ${GRID_DAYS} days</a>
  <form method="get" action="/facility/inventory" class="actions">${field({ name: 'from', label: 'Start on', type: 'date', value: grid.from })}<button type="submit">Show</button></form>
  <a href="${at(addDays(grid.from, GRID_DAYS))}">Next ${GRID_DAYS} days →</a>
</nav>
${errors.length ? gridAlert(errors) : ''}
<form method="post" action="/facility/inventory">
<input type="hidden" name="from" value="${grid.from}"><input type="hidden" name="version" value="${grid.version}">
${scrollRegion(
  'Rate and availability grid',
  html`<table class="rate-grid">
<caption>Rooms, restrictions and prices from ${grid.from}; a night left without rooms is not on sale</caption>
<thead><tr><td></td>${grid.dates.map((d) => html`<th scope="col">${dayLabel(d)}</th>`)}</tr></thead>
${grid.roomTypes.map((rt) => roomTypeRows(rt, state))}
</table>`,
)}
<button type="submit">Save the grid</button>
</form>
${bulkForm(state)}
${occupancyPriceForm(grid, state.occupancyValues ?? {}, state.occupancyErrors ?? [])}
<p>Month view of one room type: ${grid.roomTypes.map((rt) => html`<a href="/facility/inventory/${rt.id}">${rt.nameEn}</a> `)}</p>`,
  );
}
