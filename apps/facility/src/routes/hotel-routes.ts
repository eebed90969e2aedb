import { getHotelFeatures, getHotelProfile, updateHotelFeatures, updateHotelProfile } from '@hatago/catalog';
import type { HttpApp } from '@hatago/platform/http';
import type { FacilityAppDeps } from '../deps.ts';
import { valuesOf } from '../views/form-values.ts';
import { hotelAmenitiesPage } from '../views/hotel-amenities-views.ts';
import { hotelProfilePage } from '../views/hotel-views.ts';
import { contextOf, formOf, hotelOf, sendPage, submitForm } from './console-kit.ts';

export function registerHotelRoutes(app: HttpApp, { database }: FacilityAppDeps): void {
  const { db } = database;

  app.get('/facility/hotel', async (request, reply) => {
    const profile = await getHotelProfile(db, hotelOf(request));
    return sendPage(reply, hotelProfilePage(request.staff, valuesOf({ ...profile }), [], request.query));
  });

  app.post('/facility/hotel', async (request, reply) => {
    const form = formOf(request);
    return submitForm(
      reply,
      async () => {
        await updateHotelProfile(db, contextOf(request), form);
        return '/facility/hotel?saved=0';
      },
      (errors) => hotelProfilePage(request.staff, valuesOf(form), errors),
    );
  });

  app.get('/facility/hotel/amenities', async (request, reply) => {
    const { amenities, ...policies } = await getHotelFeatures(db, hotelOf(request));
    return sendPage(reply, hotelAmenitiesPage(request.staff, { values: valuesOf({ ...policies }), amenities }, [], request.query));
  });

  app.post('/facility/hotel/amenities', async (request, reply) => {
    const form = formOf(request);
    const ticked = [form.amenities].flat().filter((a): a is string => typeof a === 'string');
    return submitForm(
      reply,
      async () => {
        await updateHotelFeatures(db, contextOf(request), form);
        return '/facility/hotel/amenities?saved=0';
      },
      (errors) => hotelAmenitiesPage(request.staff, { values: valuesOf(form), amenities: ticked }, errors),
    );
  });
}
