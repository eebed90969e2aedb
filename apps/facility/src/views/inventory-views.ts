import type { InventoryDay, ManagedRoomType } from '@hatago/catalog';
import type { StaffAccount } from '@hatago/identity';
import type { FieldError } from '@hatago/platform/errors';
import { html } from '@hatago/platform/html';
import { field, formAlert, select } from '@hatago/web-kit';
import { facilityPage, savedNotice } from './facility-page.ts';
import { textOf } from './form-values.ts';
import { monthCalendar } from './month-calendar.ts';
import { rangeFields } from './range-fields.ts';

export interface InventoryPageState {
  month: string;
  days: InventoryDay[];
  totalValues?: Record<string, unknown>;
  totalErrors?: FieldError[];
  stopValues?: Record<string, unknown>;
  stopErrors?: FieldError[];
  query?: unknown;
}

/** A month of one room type: rooms offered, reserved and free each night, and the bulk forms. */
export function inventoryPage(staff: StaffAccount, roomType: ManagedRoomType, state: InventoryPageState): string {
  const totalErrors = state.totalErrors ?? [];
  const stopErrors = state.stopErrors ?? [];
  const byDate = new Map(state.days.map((d) => [d.date, d]));
  return facilityPage(
    staff,
    `Inventory: ${roomType.nameEn}`,
    html`<h1>Inventory: ${roomType.nameEn}</h1>${savedNotice(state.query)}
${monthCalendar(
  state.month,
  (date) => {
    const day = byDate.get(date)!;
    if (day.total === null) return { body: html`<span class="muted">not on sale</span>`, className: 'unset' };
    return {
      className: day.stopSell ? 'stop' : '',
      body: html`<div>Total ${day.total}</div><div>Reserved ${day.reserved}</div><div>Free ${day.free}</div>${day.stopSell ? html`<div><strong>Stop-sell</strong></div>` : ''}`,
    };
  },
  (month) => `/facility/inventory/${roomType.id}?month=${month}`,
)}
<h2>Set rooms for sale</h2>
${formAlert(totalErrors, ['from', 'to', 'weekday', 'total'])}
<form class="stack" method="post" action="/facility/inventory/${roomType.id}/total">
  ${rangeFields(state.totalValues ?? {}, totalErrors)}
  ${field({ name: 'total', label: 'Rooms for sale each night', type: 'number', value: textOf(state.totalValues?.total), required: true, attrs: { min: 0 } }, totalErrors)}
  <button type="submit">Set rooms</button>
</form>
<h2>Stop or resume sale</h2>
${formAlert(stopErrors, ['from', 'to', 'weekday', 'stopSell'])}
<form class="stack" method="post" action="/facility/inventory/${roomType.id}/stop-sell">
  ${rangeFields(state.stopValues ?? {}, stopErrors)}
  ${select({ name: 'stopSell', label: 'Sale', value: textOf(state.stopValues?.stopSell) || 'on', options: [{ value: 'on', label: 'Stop selling' }, { value: 'off', label: 'Resume selling' }] }, stopErrors)}
  <button type="submit">Apply</button>
</form>`,
  );
}
