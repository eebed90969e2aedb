import { type BackendRule, defineEdgeRules } from '@hatago/edge-rules';

/** A backend whose probe waits a minute: a test's origin is healthy unless the test says otherwise. */
export const testBackend: BackendRule = {
  probe: { path: '/readyz', intervalMs: 60_000, timeoutMs: 1000, window: 5, threshold: 3 },
  connectTimeoutMs: 1000,
  firstByteTimeoutMs: 5000,
  idleTimeoutMs: 5000,
  balance: 'round-robin',
};

/** Small rules with one of each thing a stage decides on: a redirect, a synthetic route, a rate limit, a cached and a passed route. */
export const stageRules = defineEdgeRules<'app' | 'canary'>({
  backends: { app: testBackend, canary: testBackend },
  redirects: [{ name: 'old-hotel', match: { pathPattern: '^/hotel/([0-9]+)$' }, location: '/hotels/$1', status: 301, keepQuery: true }],
  routes: [
    { name: 'robots', match: { pathPrefix: '/robots.txt' }, synthetic: { status: 200, contentType: 'text/plain', body: 'User-agent: *\n' } },
    { name: 'hotels', match: { pathPrefix: '/hotels' }, backend: 'app', cache: { ttl: 60, graceSeconds: 30, key: { query: [], locale: false, device: false } } },
    { name: 'login', match: { pathPrefix: '/login' }, backend: 'app', cache: 'pass' },
  ],
  headers: { request: [], response: [] },
  rateLimits: [{ name: 'logins', match: { pathPrefix: '/login', methods: ['POST'] }, perClient: { requests: 2, windowSeconds: 60 } }],
  limits: { maxHeaderBytes: 16_384, maxUrlBytes: 64, maxBodyBytes: 100 },
});
