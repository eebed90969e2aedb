import { Type } from '@sinclair/typebox';
import { type CachedCatalog, EDGE_KEYS, parseStay } from '@hatago/catalog';
import { notFound } from '@hatago/platform/errors';
import type { HttpApp } from '@hatago/platform/http';
import type { GuestServices } from '../deps.ts';
import { Area, HotelListItem, HotelOffer, Lang, problemResponses, StayQuerystring } from './api-schemas.ts';
import { GuestErrors } from '../guest-errors.ts';

/** Shared caches may keep catalogue answers briefly; bookings and cancellations change them. */
export const CATALOG_CACHE = 'public, max-age=30, stale-while-revalidate=30';
/** Browsers: five minutes. */
export const AREAS_CACHE = 'public, max-age=300';
/**
 * The edge only (RFC 9213; it strips the field): a day, since every change to the areas list comes from a hotel
 * change, which purges the `areas` surrogate key at the edge, and browsers are not purged.
 */
export const AREAS_EDGE_CACHE = 'max-age=86400';

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
      reply.header('cache-control', AREAS_CACHE).header('hatago-cache-control', AREAS_EDGE_CACHE).header('surrogate-key', EDGE_KEYS.areas);
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
          sort: Type.Optional(Type.Union([Type.Literal('price'), Type.Literal('recommended')], { default: 'recommended' })),
          page: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000, default: 1 })),
          pageSize: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 20 })),
        }),
        response: {
          200: Type.Object({
            items: Type.Array(HotelListItem),
            total: Type.Integer(),
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
      const locale = q.lang ?? 'en';
      await checkArea(catalog, q.area);
      const page = q.page ?? 1;
      const pageSize = q.pageSize ?? 20;
      const result = await catalog.searchHotels(
        { ...stay, ...(q.area ? { area: q.area } : {}), sort: q.sort ?? 'recommended', page, pageSize },
        locale,
      );
      reply.header('cache-control', CATALOG_CACHE).header('surrogate-key', EDGE_KEYS.search);
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
      reply.header('cache-control', CATALOG_CACHE).header('surrogate-key', EDGE_KEYS.hotel(request.params.id));
      return offer;
    },
  );
}
