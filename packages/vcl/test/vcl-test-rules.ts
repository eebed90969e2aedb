import { defineEdgeRules, type BackendRule, type EdgeRules, type RouteRule } from '@hatago/edge-rules';
import hatagoRules from '../../../config/edge.ts';

/** Two made-up instances per backend of Hatago's own rules. */
export const hatagoInstances = Object.fromEntries(
  Object.keys(hatagoRules.backends).map((name, i) => [name, [`http://127.0.0.1:${3001 + i}`, `http://127.0.0.1:${3101 + i}`]]),
);

const backend: BackendRule = {
  probe: { path: '/readyz', intervalMs: 2000, timeoutMs: 1000, window: 5, threshold: 3 },
  connectTimeoutMs: 1000,
  firstByteTimeoutMs: 15_000,
  idleTimeoutMs: 30_000,
  balance: 'round-robin',
};

/** Small rules around the routes under test. */
export const rulesWith = (routes: RouteRule<'app'>[], overrides: Partial<EdgeRules<'app'>> = {}) =>
  defineEdgeRules<'app'>({
    backends: { app: backend },
    redirects: [],
    routes,
    headers: { request: [], response: [] },
    rateLimits: [],
    limits: { maxHeaderBytes: 16_384, maxUrlBytes: 8192, maxBodyBytes: 1_048_576 },
    ...overrides,
  });
