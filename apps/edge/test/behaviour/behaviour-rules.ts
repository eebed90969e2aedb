import { defineEdgeRules, type BackendRule } from '@hatago/edge-rules';

/**
 * The rules the behaviour suite runs on both edges: one of each kind of rule, independent
 * of Hatago's own config/edge.ts. One good probe of the last three keeps an instance in
 * (a loaded CI machine may answer a probe late), so a dead one leaves within 1.5 s and one
 * that comes back rejoins within half a second; retries cover the time in between.
 */
const pool: BackendRule = {
  probe: { path: '/readyz', intervalMs: 500, timeoutMs: 450, window: 3, threshold: 1 },
  connectTimeoutMs: 500,
  firstByteTimeoutMs: 5000,
  idleTimeoutMs: 5000,
  balance: 'round-robin',
};

export const behaviourRules = defineEdgeRules({
  backends: { app: pool, canary: pool, console: pool, fragile: pool, slow: { ...pool, firstByteTimeoutMs: 300 } },
  redirects: [{ name: 'old-hotel', match: { pathPattern: '^/hotel/([0-9]+)$' }, location: '/hotels/$1', status: 301, keepQuery: true }],
  routes: [
    {
      name: 'maintenance',
      match: { pathPrefix: '/maintenance' },
      synthetic: { status: 503, contentType: 'text/html; charset=utf-8', body: '<h1>Under "maintenance"</h1>\n<p>Back {"soon"}.</p>', retryAfterSeconds: 60 },
    },
    { name: 'switched-off', enabled: false, match: { pathPrefix: '/console/off' }, synthetic: { status: 410, contentType: 'text/plain', body: 'gone' } },
    { name: 'console', match: { pathPrefix: '/console' }, backend: 'console', cache: 'pass' },
    { name: 'partner', match: { host: 'partner.example' }, backend: 'console', cache: 'pass' },
    { name: 'writes', match: { pathPrefix: '/write', methods: ['POST'] }, backend: 'console', cache: 'pass' },
    { name: 'uploads', match: { pathPrefix: '/uploads', methods: ['POST'] }, backend: 'console', cache: 'pass', maxBodyBytes: 131_072 },
    { name: 'dav-writes', match: { pathPrefix: '/dav', methods: ['PROPPATCH', 'MKCOL'] }, backend: 'console', cache: 'pass' },
    { name: 'beta-header', match: { pathPrefix: '/feature', header: { name: 'X-Beta', equals: 'yes' } }, backend: 'canary', cache: 'pass' },
    { name: 'vip-cookie', match: { pathPrefix: '/lounge', cookie: { name: 'vip', pattern: '^(gold|platinum)$' } }, backend: 'canary', cache: 'pass' },
    { name: 'preview-query', match: { pathPrefix: '/news', query: { name: 'preview', equals: 'yes' } }, backend: 'canary', cache: 'pass' },
    {
      name: 'hotel',
      match: { pathPattern: '^/hotels/[0-9]+$', methods: ['GET', 'HEAD'] },
      backend: 'app',
      cache: { ttl: 'origin', graceSeconds: 300, key: { query: ['checkin', 'nights'], forwardQuery: 'key', locale: false, device: true } },
      rollout: { backend: 'canary', query: 'canary', cookie: 'test_canary', percent: 0 },
    },
    {
      name: 'images',
      match: { pathPrefix: '/images', methods: ['GET', 'HEAD'] },
      backend: 'app',
      cache: { ttl: 'origin', graceSeconds: 60, key: { query: ['w'], forwardQuery: 'key', locale: false, device: false, imageFormat: true } },
    },
    {
      name: 'catalogue',
      match: { pathPrefix: '/catalogue', methods: ['GET', 'HEAD'] },
      backend: 'app',
      cache: { ttl: 'origin', graceSeconds: 60, key: { query: [], locale: false, device: false } },
    },
    {
      name: 'documents',
      match: { pathPrefix: '/documents' },
      backend: 'app',
      cache: { ttl: 'origin', graceSeconds: 0, key: { query: [], locale: false, device: false } },
    },
    {
      name: 'shared-cookie',
      match: { pathPrefix: '/shared', methods: ['GET', 'HEAD'] },
      backend: 'app',
      cache: { ttl: 'origin', graceSeconds: 0, key: { query: [], locale: false, device: false }, stripSetCookie: true },
    },
    {
      name: 'listing',
      match: { pathPrefix: '/listing', methods: ['GET', 'HEAD'] },
      backend: 'app',
      cache: { ttl: 'origin', graceSeconds: 60, key: { query: 'sorted', locale: false, device: false } },
    },
    {
      name: 'feed',
      match: { pathPrefix: '/feed', methods: ['GET', 'HEAD'] },
      backend: 'app',
      cache: { ttl: 'origin', graceSeconds: 60, key: { query: 'as-sent', locale: false, device: false } },
    },
    {
      name: 'fragile',
      match: { pathPrefix: '/fragile' },
      backend: 'fragile',
      cache: { ttl: 1, graceSeconds: 300, key: { query: [], locale: false, device: false } },
    },
    { name: 'slow', match: { pathPrefix: '/slow' }, backend: 'slow', cache: 'pass' },
    { name: 'beta', match: { pathPrefix: '/beta' }, backend: 'app', cache: 'pass', rollout: { backend: 'canary', query: 'beta', cookie: 'test_beta', percent: 100 } },
    { name: 'everything-else', match: { pathPrefix: '/' }, backend: 'app', cache: 'pass' },
  ],
  headers: {
    request: [{ set: 'X-Edge', value: 'hatago' }],
    response: [{ remove: 'X-Powered-By' }, { set: 'X-Content-Type-Options', value: 'nosniff', routes: ['hotel', 'maintenance'] }],
  },
  rateLimits: [{ name: 'logins', match: { pathPrefix: '/login', methods: ['POST'] }, perClient: { requests: 3, windowSeconds: 60 } }],
  limits: { maxHeaderBytes: 16_384, maxUrlBytes: 2048, maxBodyBytes: 65_536 },
});
