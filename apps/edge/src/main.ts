import '@hatago/telemetry/register';
import cluster from 'node:cluster';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Type } from '@sinclair/typebox';
import { ConfigError, loadConfig, ServiceConfig } from '@hatago/platform/config';
import { closeOnSignals } from '@hatago/platform/http';
import { createLogger } from '@hatago/platform/logging';
import { EdgeBackendsError, parseEdgeBackends } from './balancing/edge-backends.ts';
import { RedisEnv } from '@hatago/cache/redis';
import { EdgeCache } from '@hatago/http-cache';
import { createEdgeServer } from './edge-server.ts';
import { clusterMetrics, primaryRateLimits, processBroadcast, runEdgePrimary } from './edge-workers.ts';
import { LocalRateLimits, type RateLimitCounter } from './protection/rate-limits.ts';
import { RedisRateLimits } from './protection/redis-rate-limits.ts';
import { defaultRulesFile, EdgeRulesError, loadEdgeRules } from '@hatago/edge-rules';
import { startTelemetry } from '@hatago/telemetry';

const Env = Type.Object({
  ...ServiceConfig,
  PORT: Type.Integer({ minimum: 0, maximum: 65535, default: 8080 }),
  /** The rules file (default: the repository's config/edge.ts, or a built artifact's config/edge.js). */
  EDGE_RULES: Type.String({ default: defaultRulesFile() }),
  /** Instances per backend: {"guest":["http://127.0.0.1:3001",…],…} */
  EDGE_BACKENDS: Type.String({
    default: JSON.stringify({ guest: ['http://127.0.0.1:3001'], facility: ['http://127.0.0.1:3002'], operator: ['http://127.0.0.1:3003'] }),
  }),
  EDGE_ADMIN_PORT: Type.Optional(Type.Integer({ minimum: 0, maximum: 65535 })),
  EDGE_ADMIN_HOST: Type.String({ default: '127.0.0.1' }),
  EDGE_ADMIN_TOKEN: Type.Optional(Type.String({ minLength: 16 })),
  /** Worker processes sharing the ports (node:cluster); 1 runs the edge in this process. */
  EDGE_WORKERS: Type.Integer({ minimum: 1, maximum: 64, default: 1 }),
  /** Byte budget of the cache (bodies in every encoding, and headers) per worker process; least recently used entries leave first. */
  EDGE_CACHE_MAX_BYTES: Type.Integer({ minimum: 1_048_576, default: 268_435_456 }),
  /** Responses larger than this stream through without being stored. */
  EDGE_CACHE_MAX_OBJECT_BYTES: Type.Integer({ minimum: 1024, default: 8_388_608 }),
  /** With REDIS_URL, per-client rate limits are counted once for every edge instance (else once per instance). */
  ...RedisEnv,
  /** The site's public origin; only to warn at start when it is https and no proxy is trusted. */
  PUBLIC_BASE_URL: Type.Optional(Type.String({ pattern: '^https?://[^/\\s]+/?$' })),
});

/** Any start-up problem ends the process with one clear message (78: configuration error). */
async function orExit<T>(step: () => T | Promise<T>): Promise<T> {
  try {
    return await step();
  } catch (error) {
    if (!(error instanceof ConfigError || error instanceof EdgeRulesError || error instanceof EdgeBackendsError)) throw error;
    console.error(`edge: ${error instanceof EdgeRulesError ? `rules refused:\n${error.message}` : error.message}`);
    process.exit(78);
  }
}

const config = await orExit(() => {
  const env = loadConfig(Env);
  if (env.EDGE_ADMIN_PORT !== undefined && !env.EDGE_ADMIN_TOKEN) throw new ConfigError('invalid configuration: EDGE_ADMIN_TOKEN (missing): required with EDGE_ADMIN_PORT');
  return env;
});
const instances = await orExit(() => parseEdgeBackends(config.EDGE_BACKENDS));
const rules = await orExit(() => loadEdgeRules(config.EDGE_RULES));
const telemetry = await orExit(() => startTelemetry({ service: 'edge' }));

const logger = createLogger('edge', config.LOG_LEVEL);
if (config.EDGE_WORKERS > 1 && cluster.isPrimary) runEdgePrimary(config.EDGE_WORKERS, logger);
else serve();

/** Redis when configured (falling back to the next while it fails), else the primary for every worker, else this process. */
function rateLimitCounter(): RateLimitCounter {
  const withoutRedis = cluster.isWorker ? primaryRateLimits() : new LocalRateLimits();
  if (!config.REDIS_URL) return withoutRedis;
  const counter = new RedisRateLimits({
    url: config.REDIS_URL,
    keyPrefix: config.REDIS_KEY_PREFIX,
    commandTimeoutMs: config.REDIS_COMMAND_TIMEOUT_MS,
    fallback: withoutRedis,
    logger,
  });
  counter.ready().then(
    () => logger.info('rate limits counted in Redis'),
    (error: unknown) => logger.warn({ err: error }, 'rate limits: Redis not reachable yet, counting without it meanwhile'),
  );
  return counter;
}

function serve() {
  const workerMetrics = cluster.isWorker ? clusterMetrics() : undefined;
  const cache = new EdgeCache({ maxBytes: config.EDGE_CACHE_MAX_BYTES, maxObjectBytes: config.EDGE_CACHE_MAX_OBJECT_BYTES, logger });
  const edge = createEdgeServer({
    rules,
    instances,
    logger,
    cache,
    broadcast: processBroadcast(),
    rateLimits: rateLimitCounter(),
    ...(workerMetrics ? { metricsText: workerMetrics.text } : {}),
    ...(config.EDGE_ADMIN_TOKEN ? { adminToken: config.EDGE_ADMIN_TOKEN } : {}),
    ...(config.PUBLIC_BASE_URL ? { publicBaseUrl: config.PUBLIC_BASE_URL } : {}),
  });
  workerMetrics?.offer(edge.metrics.registry);
  const portOf = (server: Server) => (server.address() as AddressInfo).port;
  edge.server.listen(config.PORT, config.HOST, () => logger.info({ port: portOf(edge.server), backends: instances }, 'edge listening'));
  if (edge.adminServer && config.EDGE_ADMIN_PORT !== undefined) {
    edge.adminServer.listen(config.EDGE_ADMIN_PORT, config.EDGE_ADMIN_HOST, () => logger.info({ port: portOf(edge.adminServer!) }, 'edge admin listening'));
  }

  // SIGHUP: re-read the rules file; a refused file leaves the running rules in place
  process.on('SIGHUP', () => {
    loadEdgeRules(config.EDGE_RULES)
      .then((next) => {
        edge.reload(next);
        logger.info({ routes: next.routes.length }, 'rules reloaded');
      })
      .catch((error: unknown) => {
        const problems = error instanceof EdgeRulesError ? error.problems : [(error as Error).message];
        logger.error({ problems }, 'rules refused; keeping the previous rules');
      });
  });

  closeOnSignals([{ name: 'edge', close: () => edge.close() }, { name: 'telemetry', close: () => telemetry.shutdown() }], logger, { delayMs: config.SHUTDOWN_DELAY_MS });
}
