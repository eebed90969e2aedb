import { answerTableRequest, dayTimeline, getManagedRestaurant, getTableReservationByCode, searchTableReservations } from '@hatago/dining';
import type { HttpApp } from '@hatago/platform/http';
import { isValidDate, tokyoToday } from '@hatago/platform/time';
import type { FacilityAppDeps } from '../deps.ts';
import { dayTimelinePage } from '../views/restaurant-day-views.ts';
import { restaurantHomePage } from '../views/restaurant-home-view.ts';
import { tableReservationListPage, tableReservationPage } from '../views/restaurant-reservation-views.ts';
import { restaurantContextOf, restaurantOf, sendPage } from './console-kit.ts';
import { parseTableFilter } from './reservation-filter.ts';

type CodeParams = { Params: { code: string } };

/** The most requests the waiting list shows at once; more than this is a backlog to page through below. */
const WAITING_SHOWN = 50;

export function registerRestaurantReservationRoutes(app: HttpApp, { database }: FacilityAppDeps): void {
  const { db } = database;

  app.get('/facility/restaurant', async (request, reply) => {
    const restaurantId = restaurantOf(request);
    const [restaurant, waiting] = await Promise.all([
      getManagedRestaurant(db, restaurantId),
      searchTableReservations(db, { restaurantId, status: 'requested', page: 1, pageSize: 1 }),
    ]);
    return sendPage(reply, restaurantHomePage(request.staff, restaurant, waiting.total));
  });

  app.get('/facility/restaurant/reservations', async (request, reply) => {
    const restaurantId = restaurantOf(request);
    const waiting = (await searchTableReservations(db, { restaurantId, status: 'requested', page: 1, pageSize: WAITING_SHOWN })).items;
    const parsed = parseTableFilter(request.query);
    if (parsed.errors) return sendPage(reply, tableReservationListPage(request.staff, parsed.form, waiting, null, parsed.errors), 422);
    const found = await searchTableReservations(db, { ...parsed.filter, restaurantId });
    return sendPage(reply, tableReservationListPage(request.staff, parsed.form, waiting, found));
  });

  // Another restaurant's code is simply not found.
  app.get<CodeParams & { Querystring: { notice?: unknown } }>('/facility/restaurant/reservations/:code', async (request, reply) =>
    sendPage(reply, tableReservationPage(request.staff, await getTableReservationByCode(db, request.params.code, { restaurantId: restaurantOf(request) }), request.query)),
  );

  for (const answer of ['accept', 'decline'] as const) {
    app.post<CodeParams>(`/facility/restaurant/reservations/:code/${answer}`, async (request, reply) => {
      const reservation = await answerTableRequest(restaurantContextOf(request), request.params.code, answer);
      return reply.redirect(`/facility/restaurant/reservations/${reservation.code}?notice=${answer}`, 303);
    });
  }

  app.get<{ Querystring: { date?: unknown } }>('/facility/restaurant/day', async (request, reply) => {
    const date = typeof request.query.date === 'string' && isValidDate(request.query.date) ? request.query.date : tokyoToday();
    return sendPage(reply, dayTimelinePage(request.staff, await dayTimeline(db, restaurantOf(request), date)));
  });
}
