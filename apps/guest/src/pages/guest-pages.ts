import type { HttpApp } from '@hatago/platform/http';
import type { GuestServices } from '../deps.ts';
import { registerAccountPages } from './account-pages.ts';
import { registerAccountStatus } from './account-status.ts';
import { registerBookingPages } from './booking-pages.ts';
import { registerHotelPage } from './hotel-page.ts';
import { registerLegalPages } from './legal-pages.ts';
import { registerMemberPages } from './member-pages.ts';
import { registerReservationPages } from './reservation-pages.ts';
import { registerRestaurantPage } from './restaurant-page.ts';
import { registerRestaurantSearchPage } from './restaurant-search-page.ts';
import { registerSearchPages } from './search-page.ts';
import { registerTableBookingPages } from './table-booking-pages.ts';


/** The server-rendered guest site. */
export function registerGuestPages(pages: HttpApp, deps: GuestServices): void {
  registerSearchPages(pages, deps);
  registerHotelPage(pages, deps);
  registerRestaurantSearchPage(pages, deps);
  registerRestaurantPage(pages, deps);
  registerBookingPages(pages, deps);
  registerTableBookingPages(pages, deps);
  registerReservationPages(pages, deps);
  registerMemberPages(pages, deps);
  registerAccountPages(pages, deps);
  registerLegalPages(pages);
  registerAccountStatus(pages, deps);
}
