import { sendJson } from '@hatago/platform/http';
import type { BackendPool } from '../balancing/backend-pool.ts';
import type { AdminRoutes } from './admin-server.ts';
import type { EdgeMetrics } from './edge-metrics.ts';

/** The edge's own admin routes: /metrics (this process's registry unless `metricsText` aggregates more) and /health. */
export function mountEdgeAdminRoutes(
  admin: AdminRoutes,
  metrics: EdgeMetrics,
  metricsText: (() => Promise<string>) | undefined,
  pools: () => ReadonlyMap<string, BackendPool>,
): void {
  admin.add('GET', '/metrics', async (_req, res) => {
    const text = metricsText ? await metricsText() : await metrics.registry.metrics();
    res.writeHead(200, { 'content-type': metrics.registry.contentType, 'cache-control': 'no-store' });
    res.end(text);
  });
  admin.add('GET', '/health', (_req, res) => sendJson(res, 200, healthView(pools())));
}

function healthView(pools: ReadonlyMap<string, BackendPool>) {
  const backends: Record<string, unknown> = {};
  for (const [name, pool] of pools) {
    backends[name] = {
      healthy: pool.healthyCount,
      instances: pool.instances.map((instance) => ({
        url: instance.origin,
        healthy: instance.healthy,
        active: instance.active,
        probes: instance.probes,
        ...(instance.lastProbeError ? { lastProbeError: instance.lastProbeError } : {}),
      })),
    };
  }
  return { backends };
}
