import { getReservationByCode, searchReservations } from '@hatago/booking';
import type { HttpApp } from '@hatago/platform/http';
import type { FacilityAppDeps } from '../deps.ts';
import { reservationListPage, reservationPage } from '../views/reservation-views.ts';
import { hotelOf, sendPage } from './console-kit.ts';
import { parseReservationFilter } from './reservation-filter.ts';

export function registerReservationRoutes(app: HttpApp, { database }: FacilityAppDeps): void {
  const { db } = database;

  app.get('/facility/reservations', async (request, reply) => {
    const parsed = parseReservationFilter(request.query, hotelOf(request));
    if (parsed.errors) return sendPage(reply, reservationListPage(request.staff, parsed.form, null, parsed.errors), 422);
    return sendPage(reply, reservationListPage(request.staff, parsed.form, await searchReservations(db, parsed.filter)));
  });

  // Another hotel's code is simply not found.
  app.get<{ Params: { code: string } }>('/facility/reservations/:code', async (request, reply) =>
    sendPage(reply, reservationPage(request.staff, await getReservationByCode(db, request.params.code, { hotelId: hotelOf(request) }))),
  );
}
