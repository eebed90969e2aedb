import '@hatago/telemetry/register';
import { Type } from '@sinclair/typebox';
import { ConfigError, DatabaseEnv, loadConfig, MetricsEnv, ServiceConfig } from '@hatago/platform/config';
import { closeOnSignals } from '@hatago/platform/http';
import { createLogger } from '@hatago/platform/logging';
import { MailRetentionEnv } from '@hatago/mail';
import { SpanStore, startTelemetry, type Telemetry } from '@hatago/telemetry';
import { parseSlackWebhooks } from '@hatago/mailer';
import { startEmbeddedPlatform } from './embedded-platform.ts';

const Env = Type.Object({
  ...ServiceConfig,
  ...MetricsEnv,
  ...DatabaseEnv,
  PORT: Type.Integer({ minimum: 0, maximum: 65535, default: 8080 }),
  SIGNING_SECRET: Type.Optional(Type.String({ minLength: 32 })),
  SEED_DEMO_DATA: Type.Boolean({ default: true }),
  PUBLIC_BASE_URL: Type.Optional(Type.String({ pattern: '^https?://[^/\\s]+/?$' })),
  ...MailRetentionEnv,
  /** Channel → Slack webhook URL: SLO alerts and other notices go to Slack instead of the dev mailbox. */
  SLACK_WEBHOOKS: Type.Optional(Type.String({ minLength: 2 })),
});

let config;
let telemetry: Telemetry;
let slackWebhooks: Record<string, string>;
// no collector needed here: the operator console shows the slowest and failed traces of the last hour
const traces = new SpanStore();
try {
  config = loadConfig(Env);
  slackWebhooks = parseSlackWebhooks(config.SLACK_WEBHOOKS);
  telemetry = startTelemetry({ service: 'hatago', store: traces });
} catch (error) {
  if (!(error instanceof ConfigError)) throw error;
  console.error(`hatago: ${error.message}`);
  process.exit(78);
}
const logger = createLogger('hatago', config.LOG_LEVEL);
const started = Date.now();
const platform = await startEmbeddedPlatform({
  port: config.PORT,
  host: config.HOST,
  dataDir: config.DATA_DIR,
  ...(config.DATABASE_URL ? { databaseUrl: config.DATABASE_URL, dbPoolSize: config.DB_POOL_SIZE } : {}),
  ...(config.SIGNING_SECRET ? { signingSecret: config.SIGNING_SECRET } : {}),
  seed: config.SEED_DEMO_DATA,
  ...(config.PUBLIC_BASE_URL ? { publicBaseUrl: config.PUBLIC_BASE_URL } : {}),
  ...(config.METRICS_TOKEN ? { metricsToken: config.METRICS_TOKEN } : {}),
  environment: config.HATAGO_ENVIRONMENT,
  mailBodyRetentionDays: config.MAIL_BODY_RETENTION_DAYS,
  slackWebhooks,
  logLevel: config.LOG_LEVEL,
  traces,
  onSeedProgress: (done, total) => {
    if (done === 1 || done % 10 === 0 || done === total) {
      logger.info({ progress: `${done}/${total}` }, `seeding demo data: ${done}/${total} hotels and restaurants`);
    }
  },
  onBookingSeedProgress: (done, total) => {
    if (done === 1 || done % 10 === 0 || done === total) {
      logger.info({ progress: `${done}/${total}` }, `booking demo stays and tables: ${done}/${total} hotels and restaurants`);
    }
  },
  onPhotoSeedProgress: (done, total) => {
    if (done === 1 || done % 10 === 0 || done === total) logger.info({ progress: `${done}/${total}` }, `making demo photos: ${done}/${total} hotels and restaurants`);
  },
});
logger.info({ url: platform.url, startupMs: Date.now() - started }, `Hatago is up at ${platform.url}`);
closeOnSignals([...platform.parts, { name: 'telemetry', close: () => telemetry.shutdown() }], logger, { delayMs: config.SHUTDOWN_DELAY_MS });
