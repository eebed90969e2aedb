import { Type } from '@sinclair/typebox';
import { type CachedCatalog, EDGE_KEYS, parseHotelFilters, parseStay } from '@hatago/catalog';
import { notFound } from '@hatago/platform/errors';
import { type HttpApp, purgedByKeyHeaders } from '@hatago/platform/http';
import type { GuestServices } from '../deps.ts';
import { Area, HotelFacets, HotelListItem, HotelOffer, HotelSearchQuerystring, Lang, problemResponses, StayQuerystring } from './api-schemas.ts';
import { GuestErrors } from '../guest-errors.ts';

/**
 * The edge keeps catalogue answers briefly: bookings purge nothing and live out this lifetime,
 * every other change purges them by key (browsers revalidate each time: purgedByKeyHeaders).
 */
export const CATALOG_EDGE_LIFETIME = { maxAgeSeconds: 30, staleWhileRevalidateSeconds: 30 } as const;
/**
 * A day at the edge, whose route grace covers the refresh: every change to the areas list comes
 * from a hotel change, which purges the `areas` surrogate key.
 */
export const AREAS_EDGE_LIFETIME = { maxAgeSeconds: 86400 } as const;

/** Hotels and restaurants share the areas: a search in an unknown one answers 404 AREA_NOT_FOUND for both. */
export async function checkArea(catalog: CachedCatalog, area: string | undefined): Promise<void> {
  if (area && !(await catalog.listAreas()).some((a) => a.id === area)) {
    throw notFound(GuestErrors.AREA_NOT_FOUND, `There is no area ${area}`);
  }
}

export function registerCatalogApi(app: HttpApp, { catalog }: GuestServices): void {
  app.get(
    '/api/v1/areas',
    {
      schema: {
        tags: ['catalog'],
        summary: 'Areas with hotels',
        querystring: Type.Object({ lang: Lang }),
        response: { 200: Type.Object({ items: Type.Array(Area) }) },
      },
    },
    async (request, reply) => {
      reply.headers(purgedByKeyHeaders([EDGE_KEYS.areas], AREAS_EDGE_LIFETIME));
      return { items: await catalog.listAreas(request.query.lang ?? 'en') };
    },
  );

  app.get(
    '/api/v1/hotels',
    {
      schema: {
        tags: ['catalog'],
        summary: 'Hotels with rooms free on every night of the stay',
        querystring: Type.Object({
          area: Type.Optional(Type.String({ maxLength: 40 })),
          ...StayQuerystring,
          ...HotelSearchQuerystring,
          page: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000, default: 1 })),
          pageSize: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 20 })),
        }),
        response: {
          200: Type.Object({
            items: Type.Array(HotelListItem),
            total: Type.Integer(),
            facets: HotelFacets,
            page: Type.Integer(),
            pageSize: Type.Integer(),
          }),
          ...problemResponses(400, 404, 422),
        },
      },
    },
    async (request, reply) => {
      const q = request.query;
      const stay = parseStay(q);
      const filters = parseHotelFilters(q);
      const locale = q.lang ?? 'en';
      await checkArea(catalog, q.area);
      const page = q.page ?? 1;
      const pageSize = q.pageSize ?? 20;
      const result = await catalog.searchHotels(
        { ...stay, ...(q.area ? { area: q.area } : {}), sort: q.sort ?? 'recommended', page, pageSize, filters },
        locale,
      );
      reply.headers(purgedByKeyHeaders([EDGE_KEYS.search], CATALOG_EDGE_LIFETIME));
      return { ...result, page, pageSize };
    },
  );

  app.get(
    '/api/v1/hotels/:id',
    {
      schema: {
        tags: ['catalog'],
        summary: 'A hotel with its room types and plans priced for one stay',
        params: Type.Object({ id: Type.Integer({ minimum: 1, maximum: 2147483647 }) }),
        querystring: Type.Object(StayQuerystring),
        response: { 200: HotelOffer, ...problemResponses(400, 404, 422) },
      },
    },
    async (request, reply) => {
      const stay = parseStay(request.query);
      const offer = await catalog.getHotelOffer(request.params.id, stay, request.query.lang ?? 'en');
      reply.headers(purgedByKeyHeaders([EDGE_KEYS.hotel(request.params.id)], CATALOG_EDGE_LIFETIME));
      return offer;
    },
  );
}
