import { createRoomType, getRoomType, listRoomTypes, updateRoomType } from '@hatago/catalog';
import type { HttpApp } from '@hatago/platform/http';
import type { FacilityAppDeps } from '../deps.ts';
import { valuesOf } from '../views/form-values.ts';
import { roomTypeFormPage, roomTypeListPage } from '../views/room-type-views.ts';
import { contextOf, formOf, hotelOf, sendPage, submitForm } from './console-kit.ts';

type IdParams = { Params: { id: string } };

export function registerRoomTypeRoutes(app: HttpApp, { database }: FacilityAppDeps): void {
  const { db } = database;

  app.get('/facility/room-types', async (request, reply) =>
    sendPage(reply, roomTypeListPage(request.staff, await listRoomTypes(db, hotelOf(request)), request.query)),
  );

  app.get('/facility/room-types/new', async (request, reply) => sendPage(reply, roomTypeFormPage(request.staff, null, {})));

  app.post('/facility/room-types', async (request, reply) => {
    const form = formOf(request);
    return submitForm(
      reply,
      async () => {
        await createRoomType(db, contextOf(request), form);
        return '/facility/room-types?saved=0';
      },
      (errors) => roomTypeFormPage(request.staff, null, valuesOf(form), errors),
    );
  });

  app.get<IdParams>('/facility/room-types/:id', async (request, reply) => {
    const roomType = await getRoomType(db, hotelOf(request), request.params.id);
    return sendPage(reply, roomTypeFormPage(request.staff, roomType.id, valuesOf({ ...roomType })));
  });

  app.post<IdParams>('/facility/room-types/:id', async (request, reply) => {
    const roomType = await getRoomType(db, hotelOf(request), request.params.id);
    const form = formOf(request);
    return submitForm(
      reply,
      async () => {
        await updateRoomType(db, contextOf(request), roomType.id, form);
        return '/facility/room-types?saved=0';
      },
      (errors) => roomTypeFormPage(request.staff, roomType.id, valuesOf(form), errors),
    );
  });
}
