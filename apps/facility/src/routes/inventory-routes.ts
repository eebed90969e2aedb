import { getRoomType, inventoryMonth, listRoomTypes, type ManagedRoomType, parseMonth, setInventoryTotal, setStopSell } from '@hatago/catalog';
import type { FastifyRequest } from 'fastify';
import type { HttpApp } from '@hatago/platform/http';
import type { FacilityAppDeps } from '../deps.ts';
import { inventoryIndexPage, inventoryPage, type InventoryPageState } from '../views/inventory-views.ts';
import { contextOf, formOf, hotelOf, monthOf, sendPage, submitForm } from './console-kit.ts';

type IdParams = { Params: { id: string } };

export function registerInventoryRoutes(app: HttpApp, { database }: FacilityAppDeps): void {
  const { db } = database;

  const renderInventory = async (request: FastifyRequest, roomType: ManagedRoomType, month: string, state: Partial<InventoryPageState> = {}) =>
    inventoryPage(request.staff, roomType, { month, days: await inventoryMonth(db, hotelOf(request), roomType.id, month), ...state });

  app.get('/facility/inventory', async (request, reply) => sendPage(reply, inventoryIndexPage(request.staff, await listRoomTypes(db, hotelOf(request)))));

  app.get<IdParams & { Querystring: { month?: string } }>('/facility/inventory/:id', async (request, reply) => {
    const roomType = await getRoomType(db, hotelOf(request), request.params.id);
    return sendPage(reply, await renderInventory(request, roomType, parseMonth(request.query.month), { query: request.query }));
  });

  // Both bulk forms share the flow: change the range, or show the month again with errors.
  const bulk = (path: string, change: typeof setInventoryTotal, errorsKey: 'total' | 'stop') =>
    app.post<IdParams>(`/facility/inventory/:id/${path}`, async (request, reply) => {
      const roomType = await getRoomType(db, hotelOf(request), request.params.id);
      const form = formOf(request);
      return submitForm(
        reply,
        async () => {
          const { nights } = await change(db, contextOf(request), roomType.id, form);
          return `/facility/inventory/${roomType.id}?month=${monthOf(form.from)}&saved=${nights}`;
        },
        (errors) =>
          renderInventory(request, roomType, monthOf(form.from), errorsKey === 'total' ? { totalValues: form, totalErrors: errors } : { stopValues: form, stopErrors: errors }),
      );
    });
  bulk('total', setInventoryTotal, 'total');
  bulk('stop-sell', setStopSell, 'stop');
}
