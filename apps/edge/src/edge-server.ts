import http from 'node:http';
import type { EdgeRules } from '@hatago/edge-rules';
import type { EdgeBroadcast, EdgeCacheHandler } from '@hatago/http-cache';
import type { Logger } from '@hatago/platform/logging';
import { AccessLog, type AccessLogDestination } from './admin/access-log.ts';
import { AdminRoutes, createAdminServer } from './admin/admin-server.ts';
import { mountEdgeAdminRoutes } from './admin/edge-admin-routes.ts';
import { EdgeMetrics } from './admin/edge-metrics.ts';
import type { BackendPool, HealthChange } from './balancing/backend-pool.ts';
import type { FlagSnapshot } from './flags/flag-snapshot.ts';
import { buildRuntime, flagFeedReport, originObserver, type RuntimeWiring } from './edge-runtime.ts';
import { LocalRateLimits, type RateLimitCounter } from './protection/rate-limits.ts';
import type { EdgeContext } from './request-path/edge-context.ts';
import { watchUnparsedRequests } from './request-path/front-door-checks.ts';
import { handleRequest } from './request-path/handle-request.ts';
import { warnOfUntrustedTls } from './protection/tls-proxy-warning.ts';
import { type UntrustedForwardingOptions, UntrustedForwardingWatch } from './protection/untrusted-forwarding.ts';

/** Instance base URLs per backend name, e.g. from EDGE_BACKENDS. */
export type EdgeInstances = Record<string, ReadonlyArray<string | URL>>;

export interface EdgeServerOptions {
  rules: EdgeRules;
  instances: EdgeInstances;
  logger: Logger;
  /** Where access log lines go; default: stdout, in batches written asynchronously. false: no access log. */
  accessLog?: AccessLogDestination | false;
  /** The cache for routes with a cache policy; without one every route passes. */
  cache?: EdgeCacheHandler;
  /** Bearer token of the admin listener (`adminServer`); without one there is no admin listener. */
  adminToken?: string;
  /** Start health probes at once (default true). */
  probes?: boolean;
  /** Reaches the other worker processes in multi-process mode (health changes, purges); default: none. */
  broadcast?: EdgeBroadcast;
  /** Where per-client rate limits are counted; default: in this process (multi-process mode counts in the primary). */
  rateLimits?: RateLimitCounter;
  /** The /metrics text; default: this process's registry (multi-process mode aggregates every worker's). */
  metricsText?: () => Promise<string>;
  /** The site's public origin (PUBLIC_BASE_URL): an https one without a trusted proxy is warned of at start. */
  publicBaseUrl?: string;
  /** When X-Forwarded-For from untrusted peers is warned of; default: more than 100 requests in 10 minutes. */
  untrustedForwarding?: UntrustedForwardingOptions;
}

export interface EdgeServer {
  /** The public listener (not listening yet). */
  server: http.Server;
  /** The admin listener (not listening yet), when an admin token was given. */
  adminServer?: http.Server;
  /** Routes of the admin listener; the cache mounts its purge routes here. */
  admin: AdminRoutes;
  metrics: EdgeMetrics;
  pools: ReadonlyMap<string, BackendPool>;
  /** The flag set the edge decides by (the feed's last good answer); undefined without a feed or before its first answer. */
  readonly flags: FlagSnapshot | undefined;
  /** Swaps in new rules (validated first; throws EdgeRulesError and keeps the current ones when invalid). */
  reload(rules: EdgeRules): void;
  /** Stops probes and closes both listeners and the origin connection pools. */
  close(): Promise<void>;
}

/**
 * Hatago's front door: wires the request path (request-path/handle-request.ts) to a listener,
 * the rules to their pools and origin clients (swapped whole on reload), and the metrics,
 * health and the cache's purge routes to the admin listener.
 */
export function createEdgeServer(options: EdgeServerOptions): EdgeServer {
  const { logger } = options;
  const metrics = new EdgeMetrics();
  const accessLog = options.accessLog === false ? undefined : new AccessLog(options.accessLog);
  if (accessLog) metrics.watchAccessLog(accessLog);
  const broadcast: EdgeBroadcast = options.broadcast ?? { send: () => undefined, on: () => undefined };
  const rateLimits = options.rateLimits ?? new LocalRateLimits();
  const instances = Object.fromEntries(Object.entries(options.instances).map(([name, urls]) => [name, urls.map((url) => new URL(String(url)).origin)]));
  const wiring: RuntimeWiring = { instances, metrics, logger, broadcast, probes: options.probes !== false, observer: originObserver(metrics, logger), flagReport: flagFeedReport(metrics, logger) };
  const untrustedForwarding = new UntrustedForwardingWatch(logger, options.untrustedForwarding);
  const edge: EdgeContext = { runtime: buildRuntime(options.rules, wiring), metrics, logger, accessLog, cache: options.cache, rateLimits, untrustedForwarding };

  // another worker's probe saw it first: act on it now instead of after this worker's own probes
  broadcast.on('health', (payload) => {
    const change = payload as HealthChange;
    if (edge.runtime.pools.get(change.backend)?.adopt(change)) metrics.instanceHealthy.labels(change.backend, change.instance).set(change.healthy ? 1 : 0);
  });
  warnOfUntrustedTls(logger, options.publicBaseUrl, options.rules.trustedProxies);
  for (const name of Object.keys(instances)) {
    if (!edge.runtime.pools.has(name)) logger.warn({ backend: name }, 'instances given for a backend the rules do not declare');
  }

  const server = http.createServer({ maxHeaderSize: options.rules.limits.maxHeaderBytes, requireHostHeader: true }, (req, res) => handleRequest(edge, req, res));
  server.keepAliveTimeout = 65_000;
  server.headersTimeout = 66_000;
  watchUnparsedRequests(server, metrics);

  const admin = new AdminRoutes();
  mountEdgeAdminRoutes(admin, metrics, options.metricsText, () => edge.runtime.pools);
  options.cache?.attach?.(admin, metrics.registry, broadcast);
  const adminServer = options.adminToken ? createAdminServer(admin, options.adminToken, logger) : undefined;

  return {
    server,
    ...(adminServer ? { adminServer } : {}),
    admin,
    metrics,
    get pools() {
      return edge.runtime.pools as ReadonlyMap<string, BackendPool>;
    },
    get flags() {
      return edge.runtime.flags?.snapshot;
    },
    reload(rules) {
      const previous = edge.runtime;
      edge.runtime = buildRuntime(rules, wiring, previous);
      // node keeps the createServer option as a server property (not in its types) and gives it to the parser of
      // each new connection: new connections get the new limit, kept-alive ones keep theirs until they close.
      // edge-server-front-door.test.ts pins this, so a node that stops doing it fails there rather than here in silence.
      (server as http.Server & { maxHeaderSize: number }).maxHeaderSize = rules.limits.maxHeaderBytes;
      for (const [name, pool] of previous.pools) if (edge.runtime.pools.get(name) !== pool) void pool.close();
      previous.flags?.close();
    },
    async close() {
      await Promise.all([closeServer(server), adminServer ? closeServer(adminServer) : undefined]);
      rateLimits.close();
      edge.runtime.flags?.close();
      await Promise.all([...edge.runtime.pools.values()].map((pool) => pool.close()));
      accessLog?.close();
    },
  };
}

function closeServer(server: http.Server): Promise<void> {
  if (!server.listening) return Promise.resolve();
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeIdleConnections();
  });
}
