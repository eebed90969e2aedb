import type { DayTimeline } from '@hatago/dining';
import type { StaffAccount } from '@hatago/identity';
import { html } from '@hatago/platform/html';
import { addDays } from '@hatago/platform/time';
import { facilityPage, scrollRegion } from './facility-page.ts';

/** The day's bookings: seatings across, tables down, each booking with its party, guest and requests. */
export function dayTimelinePage(staff: StaffAccount, day: DayTimeline): string {
  return facilityPage(
    staff,
    `Bookings ${day.date}`,
    html`<h1>Bookings on ${day.date}</h1>
<div class="actions"><a href="/facility/restaurant/day?date=${addDays(day.date, -1)}">← Previous day</a>
<form class="inline" method="get" action="/facility/restaurant/day"><label>Date <input type="date" name="date" value="${day.date}"></label> <button class="secondary" type="submit">Go</button></form>
<a href="/facility/restaurant/day?date=${addDays(day.date, 1)}">Next day →</a></div>
${day.closed ? html`<p class="alert">The restaurant is closed on this date.</p>` : ''}
${scrollRegion(
  'Bookings by seating and table',
  html`<table class="timeline"><thead><tr><th scope="col">Table</th>${day.seatings.map(
      (s) => html`<th scope="col">${s.time}–<span class="muted">${s.durationMinutes} min</span><div class="muted">${s.covers} guest${s.covers === 1 ? '' : 's'}</div></th>`,
    )}</tr></thead>
<tbody>${day.lanes.map(
      (lane) => html`<tr><th scope="row">${lane.label}</th>${lane.cells.map((cell) =>
        cell.length === 0
          ? html`<td></td>`
          : html`<td class="${cell.some((r) => r.status === 'requested') ? 'requested' : 'booked'}">${cell.map(
              (r) => html`<div><a href="/facility/restaurant/reservations/${r.code}">${r.code}</a> · ${r.party}p${r.status === 'requested' ? ' · request' : ''}
<div>${r.guest.name}</div><div class="muted">${r.courseName}</div>${r.requests ? html`<div class="muted">${r.requests}</div>` : ''}</div>`,
            )}</td>`,
      )}</tr>`,
    )}</tbody></table>`,
)}`,
  );
}
