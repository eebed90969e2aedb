import type { FrontDeskDay, FrontDeskStay, ReservationActivity } from '@hatago/booking';
import type { NightOccupancy } from '@hatago/catalog';
import type { StaffAccount } from '@hatago/identity';
import { html, type SafeHtml } from '@hatago/platform/html';
import { stayStatusLabel, tokyoTime } from '@hatago/web-kit';
import { facilityPage, scrollRegion } from './facility-page.ts';
import { stepButton } from './front-desk-views.ts';
import { occupancyChart, occupancyPercent } from './occupancy-chart.ts';

export interface HotelDashboard {
  hotelName: string;
  day: FrontDeskDay;
  occupancy: NightOccupancy[];
  activity: ReservationActivity[];
}


const plural = (n: number, unit: string) => `${n} ${unit}${n === 1 ? '' : 's'}`;
const codeLink = (code: string) => html`<a href="/facility/reservations/${code}">${code}</a>`;
const guestCell = (s: { guestName: string; guestNameLatin: string }) => html`${s.guestName}<div class="muted">${s.guestNameLatin}</div>`;

/** What the desk does next with a stay: check in an arrival, check out a guest in house; a stay checked out is done. */
function nextStep(s: FrontDeskStay, date: string): SafeHtml {
  if (s.status === 'confirmed' && s.checkin <= date && date < s.checkout) return stepButton(s, 'check-in', 'Check in', 'dashboard');
  if (s.status === 'checked_in') return stepButton(s, 'check-out', 'Check out', 'dashboard');
  return html``;
}

function stayList(id: string, title: string, stays: FrontDeskStay[], empty: string, date: string): SafeHtml {
  return html`<section aria-labelledby="${id}"><h2 id="${id}">${title} <span class="muted">(${stays.length})</span></h2>
${
  stays.length === 0
    ? html`<p class="muted">${empty}</p>`
    : scrollRegion('Guests of the day', html`<table><thead><tr><th>Code</th><th>Guest</th><th>Room type</th><th>Stay</th><th>Nights</th><th>Party</th><th>Status</th><th><span class="visually-hidden">Action</span></th></tr></thead><tbody>${stays.map(
        (s) => html`<tr><td>${codeLink(s.code)}</td><td>${guestCell(s)}</td><td>${s.roomTypeName}</td><td>${s.checkin} → ${s.checkout}</td><td>${s.nights}</td>
<td>${plural(s.guests, 'guest')}, ${plural(s.rooms, 'room')}</td>
<td class="status-${s.status}">${stayStatusLabel(s.status)}</td><td>${nextStep(s, date)}</td></tr>`,
      )}</tbody></table>`)
}</section>`;
}

function activityList(activity: ReservationActivity[]): SafeHtml {
  if (activity.length === 0) return html`<p class="muted">No bookings or cancellations yet.</p>`;
  return scrollRegion('Latest bookings and cancellations', html`<table><thead><tr><th>When</th><th>What</th><th>Code</th><th>Guest</th><th>Stay</th></tr></thead><tbody>${activity.map(
    (a) => html`<tr><td><time datetime="${a.at}">${tokyoTime(a.at, 'minute')}</time></td>
<td class="${a.kind === 'cancelled' ? 'status-cancelled' : 'status-confirmed'}">${a.kind === 'booked' ? 'Booked' : `Cancelled${a.cancelledBy ? ` by ${a.cancelledBy}` : ''}`}</td>
<td>${codeLink(a.code)}</td><td>${guestCell(a)}</td><td>${a.roomTypeName}<div class="muted">${a.checkin}, ${plural(a.nights, 'night')}, ${plural(a.guests, 'guest')}</div></td></tr>`,
  )}</tbody></table>`);
}

function counts({ day, occupancy }: HotelDashboard): SafeHtml {
  const tonight = occupancy[0];
  return html`<ul class="counts">
<li><a href="#arrivals"><strong>${day.arrivals.length}</strong> arriving</a></li>
<li><a href="#departures"><strong>${day.departures.length}</strong> departing</a></li>
<li><a href="#in-house"><strong>${day.inHouse.length}</strong> in house</a></li>
${tonight ? html`<li><a href="#occupancy"><strong>${occupancyPercent(tonight)}%</strong> tonight (${tonight.sold} of ${plural(tonight.total, 'room')})</a></li>` : ''}
</ul>`;
}

/** Where a hotel's staff land: the day at the front desk, the month ahead, and what just happened. */
export function hotelDashboardPage(staff: StaffAccount, dashboard: HotelDashboard): string {
  const { day, occupancy } = dashboard;
  const last = occupancy.at(-1);
  return facilityPage(
    staff,
    dashboard.hotelName,
    html`<h1>${dashboard.hotelName}</h1><p class="muted">Today, ${day.date} (Tokyo). Signed in as ${staff.name}.</p>
${counts(dashboard)}
${stayList('arrivals', 'Arrivals', day.arrivals, 'No arrivals today.', day.date)}
${stayList('departures', 'Departures', day.departures, 'No departures today.', day.date)}
${stayList('in-house', 'In house', day.inHouse, 'No guests in house.', day.date)}
<section aria-labelledby="occupancy"><h2 id="occupancy">Occupancy, next ${occupancy.length} nights</h2>
${
  occupancy.some((n) => n.total > 0)
    ? html`<p class="muted">${day.date} to ${last?.date ?? day.date}. <a href="/facility/inventory">Inventory calendar</a></p>${occupancyChart(occupancy)}`
    : html`<p class="muted">No rooms in inventory for these nights. <a href="/facility/inventory">Set rooms in the inventory calendar</a>.</p>`
}</section>
<section aria-labelledby="activity"><h2 id="activity">Recent bookings and cancellations</h2>${activityList(dashboard.activity)}</section>`,
  );
}
