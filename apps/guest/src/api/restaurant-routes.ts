import { Type } from '@sinclair/typebox';
import { bookTable, DINING_EDGE_KEYS, getRestaurantAvailability, parseDiningQuery, type RestaurantSummary, searchRestaurants } from '@hatago/dining';
import { tokyoToday } from '@hatago/platform/time';
import { type HttpApp, purgedByKeyHeaders } from '@hatago/platform/http';
import { claimBookingAttempt } from '../booking-attempts.ts';
import type { GuestServices } from '../deps.ts';
import { problemResponses } from './api-schemas.ts';
import { CATALOG_EDGE_LIFETIME, checkArea } from './catalog-routes.ts';
import { RestaurantDay, RestaurantListItem, RestaurantSearchQuerystring, DiningQuerystring, TableBookingBody, TableReservation } from './restaurant-schemas.ts';

type Locale = 'ja' | 'en';

/** Names in the asked language and in both, as the hotel answers give them. */
const named = (name: { ja: string; en: string }, locale: Locale) => ({ name: name[locale], nameJa: name.ja, nameEn: name.en });

const identity = (r: RestaurantSummary, locale: Locale) => ({
  id: r.id,
  ...named(r.name, locale),
  area: r.areaId,
  cuisine: r.cuisine,
  priceBand: r.priceBand,
});

export function registerRestaurantApi(app: HttpApp, services: GuestServices): void {
  const { database, dining, catalog } = services;
  app.get(
    '/api/v1/restaurants',
    {
      schema: {
        tags: ['restaurants'],
        summary: 'Restaurants where the party can book a table on the date',
        querystring: RestaurantSearchQuerystring,
        response: { 200: Type.Object({ items: Type.Array(RestaurantListItem), total: Type.Integer() }), ...problemResponses(400, 404, 422) },
      },
    },
    async (request, reply) => {
      const { lang, ...query } = request.query;
      // as the hotel search: a malformed query is 422, then an area that does not exist 404
      parseDiningQuery(query, tokyoToday());
      await checkArea(catalog, query.area);
      const found = await searchRestaurants(database.db, query);
      const items = found.map(({ times, minPrice, ...restaurant }) => ({ ...identity(restaurant, lang ?? 'en'), times, minPrice }));
      reply.headers(purgedByKeyHeaders([DINING_EDGE_KEYS.search], CATALOG_EDGE_LIFETIME));
      return { items, total: items.length };
    },
  );

  app.get(
    '/api/v1/restaurants/:id',
    {
      schema: {
        tags: ['restaurants'],
        summary: "A restaurant's seatings on a date, whether each can take the party, and the courses on offer",
        params: Type.Object({ id: Type.Integer({ minimum: 1, maximum: 2147483647 }) }),
        querystring: Type.Object(DiningQuerystring),
        response: { 200: RestaurantDay, ...problemResponses(400, 404, 422) },
      },
    },
    async (request, reply) => {
      const locale = request.query.lang ?? 'en';
      const day = await getRestaurantAvailability(database.db, request.params.id, request.query);
      reply.headers(purgedByKeyHeaders([DINING_EDGE_KEYS.restaurant(day.restaurant.id)], CATALOG_EDGE_LIFETIME));
      return {
        ...identity(day.restaurant, locale),
        date: day.date,
        party: day.party,
        closed: day.closed,
        seatings: day.seatings,
        courses: day.courses.map(({ name, ...course }) => ({ ...course, ...named(name, locale) })),
      };
    },
  );

  app.post(
    '/api/v1/restaurant-reservations',
    {
      schema: {
        tags: ['restaurants'],
        summary: 'Book a table',
        description:
          'Idempotent by the Idempotency-Key header, as stay bookings: the same key and body return the same reservation (header Idempotent-Replayed: true); the same key with another body is rejected with 422. A restaurant taking requests answers status requested, its seats held.',
        headers: Type.Object({ 'idempotency-key': Type.String({ minLength: 8, maxLength: 200 }) }),
        body: TableBookingBody,
        response: { 201: TableReservation, ...problemResponses(400, 404, 409, 413, 415, 422, 429) },
      },
    },
    async (request, reply) => {
      const { lang, ...booking } = request.body;
      await claimBookingAttempt(services, request.ip);
      const outcome = await bookTable(dining, booking, { idempotencyKey: request.headers['idempotency-key'], locale: lang ?? 'en' });
      request.log.info({ code: outcome.reservation.code, replayed: outcome.replayed }, 'table reservation booked');
      reply.code(201).header('cache-control', 'no-store').header('location', `/api/v1/reservations/${outcome.reservation.code}`);
      if (outcome.replayed) reply.header('idempotent-replayed', 'true');
      return outcome.reservation;
    },
  );
}
