import { parseMonth } from '@hatago/catalog';
import { capacityMonth, getManagedRestaurant, getSeating, listSeatings, saveSeating, setDateCapacity, setDatesClosed } from '@hatago/dining';
import type { FastifyRequest } from 'fastify';
import type { FieldError } from '@hatago/platform/errors';
import type { HttpApp } from '@hatago/platform/http';
import type { FacilityAppDeps } from '../deps.ts';
import { valuesOf } from '../views/form-values.ts';
import { capacityPage, type CapacityPageState } from '../views/restaurant-capacity-views.ts';
import { seatingsPage } from '../views/restaurant-seating-views.ts';
import { formOf, monthOf, restaurantContextOf, restaurantOf, sendPage, submitForm } from './console-kit.ts';

type IdParams = { Params: { id: string } };

/** A restaurant's room over time: its seatings, and what each sells date by date. */
export function registerRestaurantSetupRoutes(app: HttpApp, { database }: FacilityAppDeps): void {
  const { db } = database;

  const renderSeatings = async (request: FastifyRequest, refused?: { id: number | 'new'; values: Record<string, string>; errors: FieldError[] }) => {
    const restaurantId = restaurantOf(request);
    const [restaurant, seatings] = await Promise.all([getManagedRestaurant(db, restaurantId), listSeatings(db, restaurantId)]);
    return seatingsPage(request.staff, restaurant, seatings, { query: request.query, ...(refused ? { refused } : {}) });
  };

  app.get('/facility/restaurant/seatings', async (request, reply) => sendPage(reply, await renderSeatings(request)));

  app.post('/facility/restaurant/seatings', async (request, reply) => {
    const form = formOf(request);
    return submitForm(
      reply,
      async () => {
        await saveSeating(restaurantContextOf(request), null, form);
        return '/facility/restaurant/seatings?saved=0';
      },
      (errors) => renderSeatings(request, { id: 'new', values: valuesOf(form), errors }),
    );
  });

  app.post<IdParams>('/facility/restaurant/seatings/:id', async (request, reply) => {
    const seating = await getSeating(db, restaurantOf(request), request.params.id);
    const form = formOf(request);
    return submitForm(
      reply,
      async () => {
        await saveSeating(restaurantContextOf(request), seating.id, form);
        return '/facility/restaurant/seatings?saved=0';
      },
      (errors) => renderSeatings(request, { id: seating.id, values: valuesOf(form), errors }),
    );
  });

  const renderCapacity = async (request: FastifyRequest, month: string, state: Partial<CapacityPageState> = {}) => {
    const restaurantId = restaurantOf(request);
    const [restaurant, seatings, days] = await Promise.all([getManagedRestaurant(db, restaurantId), listSeatings(db, restaurantId), capacityMonth(db, restaurantId, month)]);
    return capacityPage(request.staff, restaurant, seatings, { month, days, ...state });
  };

  app.get<{ Querystring: { month?: string } }>('/facility/restaurant/capacity', async (request, reply) =>
    sendPage(reply, await renderCapacity(request, parseMonth(request.query.month), { query: request.query })),
  );

  // Both range forms share the flow: change the dates, or show the month again with errors.
  const rangeForm = (path: string, change: typeof setDateCapacity, state: 'capacity' | 'closed') =>
    app.post(path, async (request, reply) => {
      const form = formOf(request);
      return submitForm(
        reply,
        async () => {
          const { dates } = await change(restaurantContextOf(request), form);
          return `/facility/restaurant/capacity?month=${monthOf(form.from)}&saved=${dates}`;
        },
        (errors) =>
          renderCapacity(request, monthOf(form.from), state === 'capacity' ? { capacityValues: form, capacityErrors: errors } : { closedValues: form, closedErrors: errors }),
      );
    });
  rangeForm('/facility/restaurant/capacity', setDateCapacity, 'capacity');
  rangeForm('/facility/restaurant/closed', setDatesClosed, 'closed');
}
