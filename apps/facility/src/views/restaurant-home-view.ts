import type { ManagedRestaurant } from '@hatago/dining';
import type { StaffAccount } from '@hatago/identity';
import { html } from '@hatago/platform/html';
import { facilityPage } from './facility-page.ts';

/** Where a restaurant's staff land: what waits for them first, then the way to everything else. */
export function restaurantHomePage(staff: StaffAccount, restaurant: ManagedRestaurant, waiting: number): string {
  return facilityPage(
    staff,
    restaurant.name.en,
    html`<h1>${restaurant.name.en} <span class="muted">${restaurant.name.ja}</span></h1><p>Signed in as ${staff.name}.</p>
${waiting ? html`<p class="notice"><a href="/facility/restaurant/reservations">${waiting} request${waiting === 1 ? '' : 's'} waiting for your answer</a></p>` : ''}
<ul><li><a href="/facility/restaurant/day">Today's bookings by seating and table</a></li><li><a href="/facility/restaurant/reservations">Reservations, requests and CSV export</a></li>
<li><a href="/facility/restaurant/capacity">Capacity and closed dates</a></li><li><a href="/facility/restaurant/seatings">Seatings</a></li><li><a href="/facility/restaurant/courses">Courses and plans</a></li><li><a href="/facility/restaurant/photos">Photos</a></li></ul>`,
  );
}
