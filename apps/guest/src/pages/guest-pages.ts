import type { HttpApp } from '@hatago/platform/http';
import { rejectCrossSiteWrites } from '@hatago/web-kit';
import type { GuestServices } from '../deps.ts';
import { registerBookingPages } from './booking-pages.ts';
import { registerHotelPage } from './hotel-page.ts';
import { registerMemberPages } from './member-pages.ts';
import { registerReservationPages } from './reservation-pages.ts';
import { registerSearchPages } from './search-page.ts';

export { GUEST_SHELL } from './page-kit.ts';

/**
 * The server-rendered guest site. It lives in its own encapsulated context so the
 * cross-site form check guards the pages without touching the JSON API's rules.
 */
export function registerGuestPages(app: HttpApp, deps: GuestServices): void {
  app.register(async (pages: HttpApp) => {
    rejectCrossSiteWrites(pages);
    registerSearchPages(pages, deps);
    registerHotelPage(pages, deps);
    registerBookingPages(pages, deps);
    registerReservationPages(pages, deps);
    registerMemberPages(pages, deps);
  });
}
