import { anyOf, defineSlos, type HistogramSource } from '@hatago/slo';

/**
 * Hatago's service level objectives, one or two per user journey, reviewed like code.
 * `npm run slo:rules` turns them into deploy/prometheus/slo-rules.yml; the embedded
 * platform evaluates the same definitions in process; the apps' latency histograms take
 * their buckets from here, so every latency threshold is a bucket boundary and the SLI is
 * exact, never interpolated between buckets.
 */

const HTTP = 'http_request_duration_seconds';
const http = (service: string, method: string, ...routes: string[]): HistogramSource => ({
  histogram: HTTP,
  selector: { service, method, route: anyOf(...routes) },
});
const SERVER_ERRORS = { status: '5..' };

const search = http('guest', 'GET', '/search', '/restaurants', '/api/v1/hotels', '/api/v1/restaurants');
const hotelPage = http('guest', 'GET', '/hotels/:id', '/api/v1/hotels/:id');
const booking = http('guest', 'POST', '/book', '/book/table', '/api/v1/reservations', '/api/v1/restaurant-reservations');
const operatorSearch = http('operator', 'GET', '/operator/reservations');

export const slo = defineSlos([
  {
    name: 'search-availability',
    journey: 'search',
    description: 'Hotel and restaurant searches answer without a server error',
    objective: 0.999,
    window: '28d',
    indicator: { kind: 'availability', source: search, errors: SERVER_ERRORS },
  },
  {
    name: 'search-latency',
    journey: 'search',
    description: 'Searches answer within 300 ms',
    objective: 0.99,
    window: '28d',
    indicator: { kind: 'latency', source: search, thresholdSeconds: 0.3 },
  },
  {
    name: 'hotel-page-availability',
    journey: 'hotel-page',
    description: 'Hotel pages and their API answer without a server error',
    objective: 0.999,
    window: '28d',
    indicator: { kind: 'availability', source: hotelPage, errors: SERVER_ERRORS },
  },
  {
    name: 'hotel-page-latency',
    journey: 'hotel-page',
    description: 'Hotel pages answer within 400 ms',
    objective: 0.99,
    window: '28d',
    indicator: { kind: 'latency', source: hotelPage, thresholdSeconds: 0.4 },
  },
  {
    name: 'booking-availability',
    journey: 'booking',
    description: 'Bookings (stays and tables, API and form) complete without a server error',
    objective: 0.999,
    window: '28d',
    indicator: { kind: 'availability', source: booking, errors: SERVER_ERRORS },
  },
  {
    name: 'booking-latency',
    journey: 'booking',
    description: 'Bookings answer within 1.2 s',
    objective: 0.99,
    window: '28d',
    indicator: { kind: 'latency', source: booking, thresholdSeconds: 1.2 },
  },
  {
    name: 'operator-search-availability',
    journey: 'operator-search',
    description: 'Reservation searches in the operator console answer without a server error',
    objective: 0.995,
    window: '28d',
    indicator: { kind: 'availability', source: operatorSearch, errors: SERVER_ERRORS },
  },
  {
    name: 'operator-search-latency',
    journey: 'operator-search',
    description: 'Reservation searches in the operator console answer within 800 ms',
    objective: 0.95,
    window: '28d',
    indicator: { kind: 'latency', source: operatorSearch, thresholdSeconds: 0.8 },
  },
  {
    name: 'mail-delivery',
    journey: 'mail',
    description: 'Mails and notices reach their provider within 5 minutes of being queued',
    objective: 0.99,
    window: '28d',
    indicator: { kind: 'latency', source: { histogram: 'mail_delivery_seconds', selector: {} }, thresholdSeconds: 300, goodWhen: { outcome: 'sent' } },
  },
]);

/** Every app's request duration histogram. */
export const HTTP_LATENCY_BUCKETS = slo.bucketsFor(HTTP, [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10]);
/** Queued → accepted by the provider (or given up on). */
export const MAIL_DELIVERY_BUCKETS = slo.bucketsFor('mail_delivery_seconds', [1, 5, 15, 30, 60, 120, 600, 1800, 3600, 21_600]);
