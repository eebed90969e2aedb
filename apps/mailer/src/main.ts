import '@hatago/telemetry/register';
import type { AddressInfo } from 'node:net';
import { openDatabase } from '@hatago/db';
import { startFlagReminders } from '@hatago/flags';
import { startMailWorkers, startRetentionPurge } from '@hatago/mail';
import { ConfigError } from '@hatago/platform/config';
import { closeOnSignals } from '@hatago/platform/http';
import { createLogger } from '@hatago/platform/logging';
import { createMailMetrics } from './mail-metrics.ts';
import { loadMailerConfig, type MailerConfig } from './mailer-config.ts';
import { buildMailerApp } from './mailer-app.ts';
import { platformTemplates } from '@hatago/runtime';
import { providersFromConfig } from './providers-from-config.ts';
import { startTelemetry, type Telemetry } from '@hatago/telemetry';

let config: MailerConfig;
let telemetry: Telemetry;
try {
  config = loadMailerConfig();
  telemetry = startTelemetry({ service: 'mailer' });
} catch (error) {
  if (!(error instanceof ConfigError)) throw error;
  console.error(`mailer: ${error.message}`);
  process.exit(78);
}
const logger = createLogger('mailer', config.LOG_LEVEL);
const database = openDatabase({
  kind: 'postgres',
  url: config.DATABASE_URL!,
  poolSize: config.DB_POOL_SIZE,
  statementTimeoutMs: config.DB_STATEMENT_TIMEOUT_MS,
  preparedStatements: config.DB_PREPARED_STATEMENTS,
  applicationName: 'hatago-mailer',
});
const metrics = createMailMetrics(database.db);
const providers = providersFromConfig(config, database.db);
const workers = startMailWorkers({
  db: database.db,
  providers,
  templates: platformTemplates,
  logger,
  concurrency: config.MAIL_WORKERS,
  batchSize: config.MAIL_BATCH_SIZE,
  leaseMs: config.MAIL_LEASE_SECONDS * 1000,
  sendTimeoutMs: config.MAIL_SEND_TIMEOUT_MS,
  pollIntervalMs: config.MAIL_POLL_INTERVAL_MS,
  retry: { baseMs: config.MAIL_RETRY_BASE_MS, capMs: config.MAIL_RETRY_CAP_MS, maxAttempts: config.MAIL_MAX_ATTEMPTS },
  observer: metrics.observer,
});
// bodies past retention are purged here, beside the workers; several mailers may all run it
const retention = startRetentionPurge({ db: database.db, logger, olderThanDays: config.MAIL_BODY_RETENTION_DAYS });
// overdue flags are reminded of from here too: a reminder is one more outbox message, once per flag and day
const flagReminders = startFlagReminders({ db: database.db, logger });
const app = await buildMailerApp({
  database,
  logger,
  metrics: metrics.registry,
  metricsToken: config.METRICS_TOKEN,
  sendgridWebhook: { publicKey: config.SENDGRID_WEBHOOK_PUBLIC_KEY, maxAgeSeconds: config.SENDGRID_WEBHOOK_MAX_AGE_SECONDS },
});
await app.listen({ port: config.PORT, host: config.HOST });
logger.info({ port: (app.server.address() as AddressInfo).port, workerId: workers.workerId, provider: config.MAIL_PROVIDER }, 'mailer listening');
closeOnSignals(
  [
    { name: 'mailer', startDraining: () => app.startDraining(), close: () => app.close() },
    // stop claiming at once; in-flight sends finish and unsent claims return to the queue
    { name: 'mail-workers', startDraining: () => void workers.stop(), close: () => workers.stop() },
    { name: 'retention-purge', close: () => retention.stop() },
    { name: 'flag-reminders', close: () => flagReminders.stop() },
    { name: 'providers', close: () => Promise.all(providers.map((p) => p.close?.())) },
    { name: 'database', close: () => database.close() },
    { name: 'telemetry', close: () => telemetry.shutdown() },
  ],
  logger,
  { delayMs: config.SHUTDOWN_DELAY_MS },
);
