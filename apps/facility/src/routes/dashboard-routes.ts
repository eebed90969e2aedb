import { frontDeskDay, recentReservationActivity } from '@hatago/booking';
import { getHotel, hotelOccupancy } from '@hatago/catalog';
import type { HttpApp } from '@hatago/platform/http';
import { tokyoToday } from '@hatago/platform/time';
import type { FacilityAppDeps } from '../deps.ts';
import { hotelDashboardPage } from '../views/dashboard-views.ts';
import { hotelOf, sendPage } from './console-kit.ts';

/** The console's landing page: a hotel's day at the front desk; a restaurant's staff go to their own. */
export function registerDashboardRoutes(app: HttpApp, { database, today = () => tokyoToday() }: FacilityAppDeps): void {
  const { db } = database;
  app.get('/facility/', async (request, reply) => {
    if (request.staff.restaurantId !== null) return reply.redirect('/facility/restaurant');
    const hotelId = hotelOf(request);
    const date = today();
    const [hotel, day, occupancy, activity] = await Promise.all([
      getHotel(db, hotelId),
      frontDeskDay(db, hotelId, date),
      hotelOccupancy(db, hotelId, date),
      recentReservationActivity(db, hotelId),
    ]);
    return sendPage(reply, hotelDashboardPage(request.staff, { hotelName: hotel.name, day, occupancy, activity }));
  });
}
