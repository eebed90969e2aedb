import { applyBulkRateChange, getRoomType, inventoryMonth, parseGridStart, parseMonth, rateGrid, saveRateGrid, setOccupancyPrices } from '@hatago/catalog';
import { tokyoToday } from '@hatago/platform/time';
import type { FastifyRequest } from 'fastify';
import type { HttpApp } from '@hatago/platform/http';
import type { FacilityAppDeps } from '../deps.ts';
import { inventoryPage } from '../views/inventory-views.ts';
import { rateGridPage, type RateGridPageState } from '../views/rate-grid-views.ts';
import { contextOf, formOf, hotelOf, sendPage, submitForm } from './console-kit.ts';

type IdParams = { Params: { id: string } };

export function registerInventoryRoutes(app: HttpApp, { database, today = () => tokyoToday() }: FacilityAppDeps): void {
  const { db } = database;

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

  app.post('/facility/inventory/occupancy', async (request, reply) => {
    const form = formOf(request);
    return submitForm(
      reply,
      async () => {
        await setOccupancyPrices(db, contextOf(request), form, today());
        return `/facility/inventory?from=${parseGridStart(form.from, today())}&saved=0`;
      },
      (errors) => renderGrid(request, parseGridStart(form.from, today()), { occupancyValues: form, occupancyErrors: errors }),
    );
  });

  // A month of one room type, to read; changes are made on the grid.
  app.get<IdParams & { Querystring: { month?: string } }>('/facility/inventory/:id', async (request, reply) => {
    const roomType = await getRoomType(db, hotelOf(request), request.params.id);
    const month = parseMonth(request.query.month);
    return sendPage(reply, inventoryPage(request.staff, roomType, { month, days: await inventoryMonth(db, hotelOf(request), roomType.id, month) }));
  });
}
