import { defineEdgeRules } from '@hatago/edge-rules';

/** bench:edge's rules: one cached route (the 8 KB hotel pages) and one pass route, on one origin. */
export default defineEdgeRules({
  backends: {
    origin: {
      probe: { path: '/readyz', intervalMs: 2000, timeoutMs: 1000, window: 5, threshold: 3 },
      connectTimeoutMs: 1000,
      firstByteTimeoutMs: 15_000,
      idleTimeoutMs: 30_000,
      balance: 'round-robin',
    },
  },
  redirects: [],
  routes: [
    { name: 'pass', match: { pathPrefix: '/pass' }, backend: 'origin', cache: 'pass' },
    {
      name: 'hotel',
      match: { pathPrefix: '/hotels', methods: ['GET', 'HEAD'] },
      backend: 'origin',
      cache: { ttl: 'origin', graceSeconds: 60, key: { query: ['checkin'], forwardQuery: 'key', locale: false, device: false } },
    },
  ],
  headers: { request: [], response: [] },
  rateLimits: [],
  limits: { maxHeaderBytes: 16_384, maxUrlBytes: 8192, maxBodyBytes: 1_048_576 },
});
