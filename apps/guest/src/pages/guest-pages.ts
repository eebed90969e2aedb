import type { HttpApp } from '@hatago/platform/http';
import type { GuestServices } from '../deps.ts';
import { registerBookingPages } from './booking-pages.ts';
import { registerHotelPage } from './hotel-page.ts';
import { registerMemberPages } from './member-pages.ts';
import { registerReservationPages } from './reservation-pages.ts';
import { registerSearchPages } from './search-page.ts';

export { GUEST_SHELL } from './page-kit.ts';

/** The server-rendered guest site. */
export function registerGuestPages(pages: HttpApp, deps: GuestServices): void {
  registerSearchPages(pages, deps);
  registerHotelPage(pages, deps);
  registerBookingPages(pages, deps);
  registerReservationPages(pages, deps);
  registerMemberPages(pages, deps);
}
