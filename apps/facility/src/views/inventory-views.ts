import type { InventoryDay, ManagedRoomType } from '@hatago/catalog';
import type { StaffAccount } from '@hatago/identity';
import { html } from '@hatago/platform/html';
import { facilityPage } from './facility-page.ts';
import { monthCalendar } from './month-calendar.ts';

export interface InventoryPageState {
  month: string;
  days: InventoryDay[];
}

/** A month of one room type to read: rooms offered, reserved and free each night, stop-sell and restrictions; changes are made on the grid. */
export function inventoryPage(staff: StaffAccount, roomType: ManagedRoomType, state: InventoryPageState): string {
  const byDate = new Map(state.days.map((d) => [d.date, d]));
  return facilityPage(
    staff,
    `Inventory: ${roomType.nameEn}`,
    html`<h1>Inventory: ${roomType.nameEn}</h1>
<p>Change rooms, stop-sell, restrictions and prices on <a href="/facility/inventory?from=${state.days[0]!.date}">the rate and availability grid</a>, one night at a time or over a range.</p>
${monthCalendar(
  state.month,
  (date) => {
    const day = byDate.get(date)!;
    if (day.total === null) return { body: html`<span class="muted">not on sale</span>`, className: 'unset' };
    return {
      className: day.stopSell ? 'stop' : '',
      body: html`<div>Total ${day.total}</div><div>Reserved ${day.reserved}</div><div>Free ${day.free}</div>${day.stopSell ? html`<div><strong>Stop-sell</strong></div>` : ''}${
        day.minStay > 1 ? html`<div>Min ${day.minStay} nights</div>` : ''
      }${day.closedToArrival ? html`<div>No arrivals</div>` : ''}${day.closedToDeparture ? html`<div>No departures</div>` : ''}`,
    };
  },
  (month) => `/facility/inventory/${roomType.id}?month=${month}`,
)}`,
  );
}
