import { applyBulkRateChange, getRoomType, inventoryMonth, type ManagedRoomType, parseGridStart, parseMonth, rateGrid, saveRateGrid, setInventoryTotal, setStopSell } from '@hatago/catalog';
import { tokyoToday } from '@hatago/platform/time';
import type { FastifyRequest } from 'fastify';
import type { HttpApp } from '@hatago/platform/http';
import type { FacilityAppDeps } from '../deps.ts';
import { inventoryPage, type InventoryPageState } from '../views/inventory-views.ts';
import { rateGridPage, type RateGridPageState } from '../views/rate-grid-views.ts';
import { contextOf, formOf, hotelOf, monthOf, sendPage, submitForm } from './console-kit.ts';

type IdParams = { Params: { id: string } };

export function registerInventoryRoutes(app: HttpApp, { database, today = () => tokyoToday() }: FacilityAppDeps): void {
  const { db } = database;

  const renderInventory = async (request: FastifyRequest, roomType: ManagedRoomType, month: string, state: Partial<InventoryPageState> = {}) =>
    inventoryPage(request.staff, roomType, { month, days: await inventoryMonth(db, hotelOf(request), roomType.id, month), ...state });

  const renderGrid = async (request: FastifyRequest, from: string, state: Omit<RateGridPageState, 'grid'> = {}) =>
    rateGridPage(request.staff, { grid: await rateGrid(db, hotelOf(request), from), ...state });

  app.get<{ Querystring: { from?: string; saved?: string } }>('/facility/inventory', async (request, reply) =>
    sendPage(reply, await renderGrid(request, parseGridStart(request.query.from, today()), { query: request.query })),
  );

  // The grid is one change: saved whole, or shown again with every bad cell named.
  app.post('/facility/inventory', async (request, reply) => {
    const form = formOf(request);
    return submitForm(
      reply,
      async () => {
        const { from, cells } = await saveRateGrid(db, contextOf(request), form, today());
        return `/facility/inventory?from=${from}&saved=${cells}`;
      },
      (errors) => renderGrid(request, parseGridStart(form.from, today()), { gridValues: form, gridErrors: errors }),
    );
  });

  app.post('/facility/inventory/bulk', async (request, reply) => {
    const form = formOf(request);
    return submitForm(
      reply,
      async () => {
        await applyBulkRateChange(db, contextOf(request), form, today());
        return `/facility/inventory?from=${parseGridStart(form.from, today())}&saved=0`;
      },
      (errors) => renderGrid(request, parseGridStart(form.from, today()), { bulkValues: form, bulkErrors: errors }),
    );
  });

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
