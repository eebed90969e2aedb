import { Counter, Registry } from 'prom-client';
import type { HttpApp } from '@hatago/platform/http';

type Event = 'search' | 'hotel_view' | 'booking' | 'cancellation';
/** `code`: one route cancels stays (HT…) and tables (RS…) alike, the code tells which. */
type Vertical = 'hotel' | 'restaurant' | 'code';

/** Which answered routes are a business event, and the statuses that mean it happened. */
const EVENTS: Record<string, { event: Event; vertical: Vertical; channel: 'api' | 'page'; statuses: number[] }> = {
  'GET /search': { event: 'search', vertical: 'hotel', channel: 'page', statuses: [200] },
  'GET /api/v1/hotels': { event: 'search', vertical: 'hotel', channel: 'api', statuses: [200] },
  'GET /restaurants': { event: 'search', vertical: 'restaurant', channel: 'page', statuses: [200] },
  'GET /api/v1/restaurants': { event: 'search', vertical: 'restaurant', channel: 'api', statuses: [200] },
  'GET /hotels/:id': { event: 'hotel_view', vertical: 'hotel', channel: 'page', statuses: [200] },
  'GET /api/v1/hotels/:id': { event: 'hotel_view', vertical: 'hotel', channel: 'api', statuses: [200] },
  'POST /book': { event: 'booking', vertical: 'hotel', channel: 'page', statuses: [303] },
  'POST /book/table': { event: 'booking', vertical: 'restaurant', channel: 'page', statuses: [303] },
  'POST /api/v1/reservations': { event: 'booking', vertical: 'hotel', channel: 'api', statuses: [201] },
  'POST /api/v1/restaurant-reservations': { event: 'booking', vertical: 'restaurant', channel: 'api', statuses: [201] },
  'POST /reservations/:code/cancel': { event: 'cancellation', vertical: 'code', channel: 'page', statuses: [200, 303] },
  'POST /api/v1/reservations/:code/cancel': { event: 'cancellation', vertical: 'code', channel: 'api', statuses: [200] },
};

/**
 * The business counters product and SRE watch beside the technical ones: a drop in
 * bookings with no error in sight is an incident too. Counted from answered routes (labels
 * are the vertical and the channel, a handful of series); an idempotent replay is not a new
 * booking. Conversion is `hatago:booking_conversion:ratio_rate1h` in the SLO rules.
 */
export function countBusinessEvents(app: HttpApp): Registry {
  const registry = new Registry();
  const counters: Record<Event, Counter<'vertical' | 'channel'>> = {
    search: new Counter({ name: 'hatago_searches_total', help: 'Searches answered', labelNames: ['vertical', 'channel'], registers: [registry] }),
    hotel_view: new Counter({ name: 'hatago_hotel_views_total', help: 'Hotel pages and hotel API answers served', labelNames: ['vertical', 'channel'], registers: [registry] }),
    booking: new Counter({ name: 'hatago_bookings_total', help: 'Bookings made (replays excluded)', labelNames: ['vertical', 'channel'], registers: [registry] }),
    cancellation: new Counter({ name: 'hatago_cancellations_total', help: 'Cancellations answered', labelNames: ['vertical', 'channel'], registers: [registry] }),
  };
  app.addHook('onResponse', async (request, reply) => {
    const found = EVENTS[`${request.method} ${request.routeOptions.url}`];
    if (!found || !found.statuses.includes(reply.statusCode) || reply.getHeader('idempotent-replayed') === 'true') return;
    const vertical = found.vertical === 'code' ? ((request.params as { code?: string }).code?.startsWith('RS') ? 'restaurant' : 'hotel') : found.vertical;
    counters[found.event].inc({ vertical, channel: found.channel });
  });
  return registry;
}
