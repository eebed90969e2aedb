import { defineEdgeRules, type BackendRule, type CacheKeyRule, type RolloutRule } from '@hatago/edge-rules';

/**
 * Hatago's edge: which app serves what, what may be cached and for how long, and what the
 * front door refuses. Reviewed like code; run by the Node edge and compiled to VCL.
 */

const app: BackendRule = {
  probe: { path: '/readyz', intervalMs: 2000, timeoutMs: 1000, window: 5, threshold: 3 },
  connectTimeoutMs: 1000,
  firstByteTimeoutMs: 15_000,
  idleTimeoutMs: 30_000,
  balance: 'round-robin',
};

// the consoles hold long exports and staff sessions: fewer, longer requests balance better by load
const staffConsole: BackendRule = { ...app, firstByteTimeoutMs: 60_000, balance: 'least-connections' };

// stay parameters decide what a page shows; sort/page/lang decide how; tracking parameters decide nothing
const stay = ['checkin', 'nights', 'guests', 'rooms'];
// hotel search filters (repeatable: `stars=4&stars=5`); a name missing here is dropped, and every filter shows the same page
const searchFilters = ['minPrice', 'maxPrice', 'stars', 'meals', 'amenities'];
// the origin is asked for the key URL: a page can never depend on a parameter the key leaves out
const searchKey: CacheKeyRule = { query: ['area', ...stay, ...searchFilters, 'sort', 'page', 'lang'], forwardQuery: 'key', locale: false, device: false };
const hotelKey: CacheKeyRule = { query: [...stay, 'lang'], forwardQuery: 'key', locale: false, device: false };

// Every app serves probes and metrics for machines on its own port; from outside they would
// tell the Node version, memory and booking volume. The edge refuses them for every backend,
// in every spelling an app still routes: any letter percent-encoded or in either case, after
// any segments (dot segments included), with trailing slashes, a ;/# suffix or anything below
// (`/internal/flags` is the feed the edge itself reads from an instance, every flag's allow-list in it).
const INTERNAL_PATHS = ['metrics', 'healthz', 'readyz', 'internal'];
const hexPair = (code: number) => {
  const low = (code & 15).toString(16);
  return `%${code >> 4}${low === low.toUpperCase() ? low : `[${low}${low.toUpperCase()}]`}`;
};
const spelled = (name: string) => [...name].map((c) => `(${c}|${c.toUpperCase()}|${hexPair(c.charCodeAt(0))}|${hexPair(c.toUpperCase().charCodeAt(0))})`).join('');
const internalPath = `^(.*/)?(${INTERNAL_PATHS.map(spelled).join('|')})([/;#].*)?$`;

// The canary goes by the `guest-canary` feature flag once the flag feed knows it: its percentage
// (sticky by the visitor cookie), its preview values (`?preview=canary` for testers) and its kill
// switch, changed in the operator console and live at the edge within two seconds. Until the flag
// is defined (or where the feed is not read: the VCL twin) `?canary=1` and the cookie decide.
const canary: RolloutRule<'guest-canary'> = { backend: 'guest-canary', query: 'canary', cookie: 'hatago_canary', percent: 0, flag: 'guest-canary' };
const GET_HEAD: ['GET', 'HEAD'] = ['GET', 'HEAD'];

export default defineEdgeRules({
  backends: {
    guest: app,
    'guest-canary': app,
    facility: staffConsole,
    operator: staffConsole,
    mailer: { ...app, firstByteTimeoutMs: 10_000 },
  },

  redirects: [
    { name: 'account-home', match: { pathPattern: '^/account/?$' }, location: '/account/reservations', status: 302, keepQuery: false },
    { name: 'legacy-hotel', match: { pathPattern: '^/hotel/([0-9]+)/?$' }, location: '/hotels/$1', status: 301, keepQuery: true },
  ],

  routes: [
    {
      name: 'internal-paths',
      match: { pathPattern: internalPath },
      synthetic: { status: 404, contentType: 'text/plain; charset=utf-8', body: 'Not Found\n' },
    },
    // flip `enabled` to put the guest booking flow behind a maintenance page without a deploy of the apps
    {
      name: 'booking-maintenance',
      enabled: false,
      match: { pathPrefix: '/book' },
      synthetic: {
        status: 503,
        contentType: 'text/html; charset=utf-8',
        body: '<!doctype html><html lang="ja"><meta charset="utf-8"><title>Maintenance</title><h1>ただいまメンテナンス中です / Under maintenance</h1><p>Bookings reopen shortly.</p></html>',
        retryAfterSeconds: 600,
      },
    },
    // staff consoles and provider webhooks: personal or write-only, never cached; photo uploads
    // take up to the images module's 15 MB and a multipart envelope, every other body 1 MB
    { name: 'facility-photo-uploads', match: { pathPattern: '^/facility/(restaurant/)?photos$', methods: ['POST'] }, backend: 'facility', cache: 'pass', maxBodyBytes: 16 * 1024 * 1024 },
    { name: 'facility', match: { pathPrefix: '/facility' }, backend: 'facility', cache: 'pass' },
    { name: 'operator', match: { pathPrefix: '/operator' }, backend: 'operator', cache: 'pass' },
    { name: 'webhooks', match: { pathPrefix: '/webhooks' }, backend: 'mailer', cache: 'pass' },

    // guest JSON API: catalogue reads are shared; reservations are personal
    { name: 'api-reservations', match: { pathPrefix: '/api/v1/reservations' }, backend: 'guest', cache: 'pass' },
    {
      name: 'api-areas',
      match: { pathPattern: '^/api/v1/(areas|openapi\\.json)$', methods: GET_HEAD },
      backend: 'guest',
      cache: { ttl: 'origin', graceSeconds: 3600, key: { query: ['lang'], forwardQuery: 'key', locale: false, device: false } },
    },
    {
      name: 'api-hotel-search',
      match: { pathPattern: '^/api/v1/hotels$', methods: GET_HEAD },
      backend: 'guest',
      cache: { ttl: 'origin', graceSeconds: 300, key: { query: ['area', ...stay, ...searchFilters, 'sort', 'page', 'pageSize', 'lang'], forwardQuery: 'key', locale: false, device: false } },
    },
    {
      name: 'api-hotel',
      match: { pathPattern: '^/api/v1/hotels/[0-9]+$', methods: GET_HEAD },
      backend: 'guest',
      cache: { ttl: 'origin', graceSeconds: 300, key: hotelKey },
    },
    {
      // like the hotel search, left to its short TTL: a booking checks the seats under lock, and
      // a restaurant's page of seats passes until its bookings purge it by surrogate key
      name: 'api-restaurant-search',
      match: { pathPattern: '^/api/v1/restaurants$', methods: GET_HEAD },
      backend: 'guest',
      cache: { ttl: 'origin', graceSeconds: 300, key: { query: ['area', 'date', 'time', 'party', 'cuisine', 'budget', 'lang'], forwardQuery: 'key', locale: false, device: false } },
    },
    {
      // a restaurant's seats for a date: its bookings and cancellations purge it (Surrogate-Key restaurant-<id>)
      name: 'api-restaurant',
      match: { pathPattern: '^/api/v1/restaurants/[0-9]+$', methods: GET_HEAD },
      backend: 'guest',
      cache: { ttl: 'origin', graceSeconds: 300, key: { query: ['date', 'party', 'lang'], forwardQuery: 'key', locale: false, device: false } },
    },
    {
      // the banners live now: purged by surrogate key on every publish; the origin caps the TTL at the next scheduled change
      name: 'api-banners',
      match: { pathPattern: '^/api/v1/banners(/schema\\.json)?$', methods: GET_HEAD },
      backend: 'guest',
      cache: { ttl: 'origin', graceSeconds: 0, key: { query: ['lang'], forwardQuery: 'key', locale: false, device: false } },
    },
    { name: 'api-other', match: { pathPrefix: '/api' }, backend: 'guest', cache: 'pass' },

    // guest pages: personal ones pass, catalogue pages are shared and can go to the canary
    {
      // a banner draft's preview: private to whoever holds the signed link, never stored
      name: 'banner-preview',
      match: { pathPrefix: '/banner-preview' },
      backend: 'guest',
      cache: 'pass',
    },
    {
      // a signed-in member may be shown member-only banners on these pages: never the shared copy
      name: 'member-catalogue-pages',
      match: { pathPattern: '^/(search|hotels/[0-9]+)?$', methods: GET_HEAD, cookie: { name: 'hatago_member' } },
      backend: 'guest',
      cache: 'pass',
      rollout: canary,
    },
    {
      name: 'guest-personal',
      match: { pathPattern: '^/(account|book|reservations|login|logout|signup)(/.*)?$' },
      backend: 'guest',
      cache: 'pass',
      rollout: canary,
    },
    {
      name: 'search',
      match: { pathPattern: '^/search$', methods: GET_HEAD },
      backend: 'guest',
      cache: { ttl: 'origin', graceSeconds: 300, key: searchKey },
      rollout: canary,
    },
    {
      name: 'hotel-page',
      match: { pathPattern: '^/hotels/[0-9]+$', methods: GET_HEAD },
      backend: 'guest',
      cache: { ttl: 'origin', graceSeconds: 300, key: hotelKey },
      rollout: canary,
    },
    {
      // restaurant searches live out their short TTL, as hotel searches do
      name: 'restaurant-search',
      match: { pathPattern: '^/restaurants$', methods: GET_HEAD },
      backend: 'guest',
      cache: { ttl: 'origin', graceSeconds: 300, key: { query: ['area', 'date', 'time', 'party', 'cuisine', 'budget', 'lang'], forwardQuery: 'key', locale: false, device: false } },
      rollout: canary,
    },
    {
      // a restaurant's seats and calendar: its bookings and cancellations purge it (Surrogate-Key restaurant-<id>)
      name: 'restaurant-page',
      match: { pathPattern: '^/restaurants/[0-9]+$', methods: GET_HEAD },
      backend: 'guest',
      cache: { ttl: 'origin', graceSeconds: 300, key: { query: ['date', 'party', 'time', 'lang'], forwardQuery: 'key', locale: false, device: false } },
      rollout: canary,
    },
    {
      name: 'home',
      match: { pathPattern: '^/$', methods: GET_HEAD },
      backend: 'guest',
      cache: { ttl: 'origin', graceSeconds: 600, key: { query: ['lang'], forwardQuery: 'key', locale: false, device: false } },
      rollout: canary,
    },
    {
      // the terms of use and privacy policy: the same for everyone, changed only by a deploy
      name: 'legal-pages',
      match: { pathPattern: '^/(terms|privacy)$', methods: GET_HEAD },
      backend: 'guest',
      cache: { ttl: 'origin', graceSeconds: 3600, key: { query: ['lang'], forwardQuery: 'key', locale: false, device: false } },
      rollout: canary,
    },
    // a key names one image forever and the route renders only listed widths: every rendition is kept, one per format class
    {
      name: 'images',
      match: { pathPattern: '^/images/', methods: GET_HEAD },
      backend: 'guest',
      cache: { ttl: 'origin', graceSeconds: 86_400, key: { query: ['w'], forwardQuery: 'key', locale: false, device: false, imageFormat: true } },
    },
    // the guest site's own scripts (the signed-in header's): the same for everyone, whatever cookie comes with the request
    {
      name: 'guest-scripts',
      match: { pathPattern: '^/assets/[a-z0-9-]+\\.js$', methods: GET_HEAD },
      backend: 'guest',
      cache: { ttl: 'origin', graceSeconds: 3600, key: { query: [], forwardQuery: 'key', locale: false, device: false } },
    },
    // everything else the guest app answers (404s) without caching
    { name: 'guest-other', match: { pathPrefix: '/' }, backend: 'guest', cache: 'pass', rollout: canary },
  ],

  headers: {
    request: [],
    response: [
      { remove: 'x-powered-by' },
      { set: 'x-content-type-options', value: 'nosniff' },
      { set: 'referrer-policy', value: 'strict-origin-when-cross-origin' },
    ],
  },

  rateLimits: [
    { name: 'guest-logins', match: { pathPrefix: '/login', methods: ['POST'] }, perClient: { requests: 10, windowSeconds: 60 } },
    { name: 'staff-logins', match: { pathPattern: '^/(facility|operator)/login$', methods: ['POST'] }, perClient: { requests: 10, windowSeconds: 60 } },
    { name: 'signups', match: { pathPrefix: '/signup', methods: ['POST'] }, perClient: { requests: 5, windowSeconds: 60 } },
    { name: 'bookings', match: { pathPattern: '^/api/v1/(reservations|restaurant-reservations)(/|$)', methods: ['POST'] }, perClient: { requests: 30, windowSeconds: 60 } },
    { name: 'booking-pages', match: { pathPrefix: '/book', methods: ['POST'] }, perClient: { requests: 30, windowSeconds: 60 } },
  ],

  limits: { maxHeaderBytes: 16_384, maxUrlBytes: 8192, maxBodyBytes: 1_048_576 },

  // the edge is the front door here; a deployment with load balancers in front lists their
  // addresses (e.g. '10.0.0.0/8') so rate limits count each client, not the balancer
  trustedProxies: [],

  // the flag definitions, read from one guest instance every second (304 while unchanged): they
  // drive the canary above and the `hatago-flags` decision every app follows and the cache keys by
  flags: { backend: 'guest', path: '/internal/flags', intervalMs: 1000 },
});
