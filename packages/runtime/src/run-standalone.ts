import { ConfigError } from '@hatago/platform/config';
import { openDatabase } from '@hatago/db';
import { closeOnSignals, type HttpApp } from '@hatago/platform/http';
import { edgePurgerFromEnv, type EdgePurger } from '@hatago/platform/edge';
import { createLogger } from '@hatago/platform/logging';
import { startTelemetry, type Telemetry } from '@hatago/telemetry';
import type { ObjectStorage } from '@hatago/storage';
import type { AppDeps } from './app-deps.ts';
import { loadStandaloneConfig, type StandaloneServiceConfig } from './service-config.ts';
import { openSharedComponents } from './shared-components.ts';

/**
 * Everything any app may take, so one process runs whichever app it is given. The cache is
 * Redis when REDIS_URL is set, else this process's memory; attempts are counted in Redis
 * (falling back to the database while Redis fails) when REDIS_URL is set, else in the database.
 */
export interface StandaloneDeps extends AppDeps {
  storage: ObjectStorage;
  bookingAttemptsPerMinute: number;
  /** The edge's purge API when EDGE_PURGE_URL is set, else no purging. */
  edgePurger: EdgePurger;
  /** The site's public origin, for links in mails. */
  publicBaseUrl: string;
  config: StandaloneServiceConfig;
}

/**
 * Runs one app as its own process against PostgreSQL (DATABASE_URL): the distributed way.
 * PGlite is single-connection, so a lone app never opens one; embedded mode hosts every
 * app in one process instead (apps/embedded).
 */
export async function runStandalone(service: string, defaultPort: number, build: (deps: StandaloneDeps) => Promise<HttpApp>) {
  let config: StandaloneServiceConfig;
  let telemetry: Telemetry;
  try {
    config = loadStandaloneConfig(defaultPort);
    telemetry = startTelemetry({ service });
    if (!config.DATABASE_URL) throw new ConfigError('invalid configuration: DATABASE_URL (missing): a standalone app needs PostgreSQL');
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    console.error(`${service}: ${error.message}`);
    process.exit(78);
  }
  const logger = createLogger(service, config.LOG_LEVEL);
  const database = openDatabase({
    kind: 'postgres',
    url: config.DATABASE_URL,
    poolSize: config.DB_POOL_SIZE,
    statementTimeoutMs: config.DB_STATEMENT_TIMEOUT_MS,
    preparedStatements: config.DB_PREPARED_STATEMENTS,
    applicationName: `hatago-${service}`,
  });
  const shared = openSharedComponents(config, service, database, logger);
  const app = await build({
    database,
    logger,
    signingSecret: config.SIGNING_SECRET,
    storage: shared.storage,
    cache: shared.cache,
    rateLimiter: shared.rateLimiter,
    bookingAttemptsPerMinute: config.BOOKING_ATTEMPTS_PER_MINUTE,
    edgePurger: edgePurgerFromEnv(config, logger),
    publicBaseUrl: config.PUBLIC_BASE_URL,
    metricsToken: config.METRICS_TOKEN,
    environment: config.HATAGO_ENVIRONMENT,
    config,
  });
  await app.listen({ port: config.PORT, host: config.HOST });
  closeOnSignals(
    [
      { name: service, startDraining: () => app.startDraining(), close: () => app.close() },
      { name: 'cache', close: () => shared.close() },
      { name: 'database', close: () => database.close() },
      // last: spans of the drain itself are sent too
      { name: 'telemetry', close: () => telemetry.shutdown() },
    ],
    logger,
    { delayMs: config.SHUTDOWN_DELAY_MS },
  );
}
