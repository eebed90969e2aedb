import { OCCUPANCY_COUNTS, occupancyPriceField, type GridRoomType, type RateGrid } from '@hatago/catalog';
import type { FieldError } from '@hatago/platform/errors';
import { html, type SafeHtml } from '@hatago/platform/html';
import { errorFor, field, formAlert, select } from '@hatago/web-kit';
import { textOf } from './form-values.ts';
import { rangeFields } from './range-fields.ts';


/** What one night's prices per guest count read in a grid cell: `2: 56,000`, one count a line. */
export function occupancyPricesText(prices: Array<number | null> | null): SafeHtml {
  if (!prices) return html`<span class="muted">–</span>`;
  return html`${prices.flatMap((price, i) => (price === null ? [] : [html`<div>${i + 1}: ${price.toLocaleString('en-US')}</div>`]))}`;
}

/** The grid's read-only row of one plan's prices per guest count, shown only when a night of the grid has them. */
export function occupancyRow(plan: GridRoomType['plans'][number]): SafeHtml {
  if (plan.occupancyPrices.every((p) => p === null)) return html``;
  return html`<tr><th scope="row">Price per guests: ${plan.nameEn}</th>${plan.occupancyPrices.map((p) => html`<td>${occupancyPricesText(p)}</td>`)}</tr>`;
}

/** The bulk form of one plan's prices per number of guests over a range of nights and weekdays. */
export function occupancyPriceForm(grid: RateGrid, values: Record<string, unknown>, errors: FieldError[]): SafeHtml {
  const plans = grid.roomTypes.flatMap((rt) => rt.plans.map((p) => ({ value: p.id, label: `${p.nameEn} (${rt.nameEn}, up to ${rt.capacity})` })));
  // counts up to the hotel's largest room; an error on any other is told above the form
  const counts = OCCUPANCY_COUNTS.filter((n) => n <= Math.max(1, ...grid.roomTypes.map((rt) => rt.capacity)));
  const removeError = errorFor(errors, 'remove');
  return html`<h2 id="occupancy">Prices per number of guests</h2>
<p>One room's price for each number of guests (children count as guests), on every chosen night: what you fill in replaces the nights' prices per guest count, and a count left empty pays the plan's single price for the night. The plan needs its single price on every chosen night first.</p>
${formAlert(errors, ['from', 'to', 'weekday', 'planId', 'remove', ...counts.map(occupancyPriceField)])}
<form class="stack" method="post" action="/facility/inventory/occupancy">
  ${rangeFields(values, errors)}
  ${select({ name: 'planId', label: 'Plan', value: textOf(values.planId), options: [{ value: '', label: 'Choose a plan' }, ...plans] }, errors)}
  <fieldset><legend>Price of one room per night (yen), by number of guests</legend>
  ${counts.map((n) =>
    field({ name: occupancyPriceField(n), label: `${n} guest${n === 1 ? '' : 's'}`, type: 'number', value: textOf(values[occupancyPriceField(n)]), attrs: { min: 1 } }, errors),
  )}
  </fieldset>
  <label class="${removeError ? 'field-error' : ''}"><input type="checkbox" name="remove"${values.remove === 'on' ? html` checked` : ''}${removeError ? html` aria-invalid="true"` : ''}> Remove the prices per guest count (every party pays the single price)</label>${removeError ? html`<span class="error-text">${removeError}</span>` : ''}
  <button type="submit">Set the prices per guest count</button>
</form>`;
}
