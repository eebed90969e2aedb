import { type Static, Type } from '@sinclair/typebox';
import { ConfigError, DatabaseEnv, loadConfig, MetricsEnv, ServiceConfig } from '@hatago/platform/config';
import { MailRetentionEnv } from '@hatago/mail';
import { SendgridWebhookEnv } from './webhooks/sendgrid-webhook-routes.ts';

const Millis = (min: number, max: number, fallback: number) => Type.Integer({ minimum: min, maximum: max, default: fallback });

export const MailerEnv = Type.Object({
  ...ServiceConfig,
  ...MetricsEnv,
  ...DatabaseEnv,
  ...SendgridWebhookEnv,
  ...MailRetentionEnv,
  PORT: Type.Integer({ minimum: 0, maximum: 65535, default: 3004 }),
  MAIL_PROVIDER: Type.Union([Type.Literal('sink'), Type.Literal('smtp'), Type.Literal('sendgrid')], { default: 'sink' }),
  MAIL_FROM_ADDRESS: Type.String({ pattern: '^[^\\s@<>]+@[^\\s@<>]+$', default: 'no-reply@hatago.example' }),
  MAIL_FROM_NAME: Type.String({ maxLength: 100, default: 'Hatago' }),
  SMTP_URL: Type.Optional(Type.String({ pattern: '^smtps?://' })),
  SENDGRID_API_KEY: Type.Optional(Type.String({ minLength: 1 })),
  SENDGRID_BASE_URL: Type.String({ pattern: '^https?://', default: 'https://api.sendgrid.com' }),
  SENDGRID_SANDBOX: Type.Boolean({ default: false }),
  /** JSON object: Slack channel name → incoming-webhook URL, e.g. {"#ops":"https://hooks.slack.com/services/…"}. */
  SLACK_WEBHOOKS: Type.Optional(Type.String({ minLength: 2 })),
  /** Worker loops per provider in this process. */
  MAIL_WORKERS: Type.Integer({ minimum: 1, maximum: 64, default: 2 }),
  MAIL_BATCH_SIZE: Type.Integer({ minimum: 1, maximum: 500, default: 10 }),
  /** Sends per second per provider in this process; unset means the provider's own default. */
  MAIL_RATE_PER_SECOND: Type.Optional(Type.Number({ exclusiveMinimum: 0, maximum: 100_000 })),
  MAIL_LEASE_SECONDS: Type.Integer({ minimum: 1, maximum: 3600, default: 120 }),
  MAIL_SEND_TIMEOUT_MS: Millis(100, 300_000, 10_000),
  MAIL_POLL_INTERVAL_MS: Millis(10, 60_000, 1000),
  MAIL_RETRY_BASE_MS: Millis(1, 3_600_000, 30_000),
  MAIL_RETRY_CAP_MS: Millis(1, 86_400_000, 3_600_000),
  MAIL_MAX_ATTEMPTS: Type.Integer({ minimum: 1, maximum: 100, default: 8 }),
});
export type MailerConfig = Static<typeof MailerEnv> & { slackWebhooks: Record<string, string> };

const fail = (variable: string, shown: string, why: string) => new ConfigError(`invalid configuration: ${variable} (${shown}): ${why}`);

/** The schema, then the rules that tie variables together; each failure names one variable. */
export function loadMailerConfig(env: NodeJS.ProcessEnv = process.env): MailerConfig {
  const config = loadConfig(MailerEnv, env);
  if (!config.DATABASE_URL) throw fail('DATABASE_URL', 'missing', 'the mailer needs PostgreSQL (embedded mode runs its workers in-process)');
  if (config.MAIL_PROVIDER === 'smtp' && !config.SMTP_URL) throw fail('SMTP_URL', 'missing', 'required when MAIL_PROVIDER=smtp');
  if (config.MAIL_PROVIDER === 'sendgrid' && !config.SENDGRID_API_KEY) throw fail('SENDGRID_API_KEY', 'missing', 'required when MAIL_PROVIDER=sendgrid');
  if (config.MAIL_LEASE_SECONDS * 1000 <= config.MAIL_SEND_TIMEOUT_MS) {
    throw fail('MAIL_LEASE_SECONDS', String(config.MAIL_LEASE_SECONDS), 'must be longer than MAIL_SEND_TIMEOUT_MS, or a slow send could outlive its lease and be sent twice');
  }
  return { ...config, slackWebhooks: parseSlackWebhooks(config.SLACK_WEBHOOKS) };
}

/** SLACK_WEBHOOKS: shared with the embedded launcher, whose SLO alerts go to Slack the same way. */
export function parseSlackWebhooks(raw: string | undefined): Record<string, string> {
  if (raw === undefined) return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    throw fail('SLACK_WEBHOOKS', 'not JSON', 'give a JSON object of channel name to webhook URL');
  }
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) throw fail('SLACK_WEBHOOKS', 'not an object', 'give a JSON object of channel name to webhook URL');
  for (const [channel, url] of Object.entries(parsed)) {
    if (typeof url !== 'string' || !/^https?:\/\//.test(url)) throw fail('SLACK_WEBHOOKS', channel, 'each channel needs an http(s) webhook URL');
  }
  return parsed as Record<string, string>;
}
