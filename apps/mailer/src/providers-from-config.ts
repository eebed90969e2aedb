import type { Executor } from '@hatago/db';
import { type MailProvider, SendgridProvider, SinkProvider, SlackProvider, SmtpProvider } from '@hatago/mail';
import type { MailerConfig } from './mailer-config.ts';

// SendGrid's documented limit is per account and plan; 100/s per mailer keeps a few
// mailers well under it until MAIL_RATE_PER_SECOND says otherwise. Slack allows about 1 post/s per hook.
const DEFAULT_RATE = { sink: Number.POSITIVE_INFINITY, smtp: 20, sendgrid: 100, slack: 1 };

/**
 * The providers this mailer sends through: the configured email provider, and Slack when
 * webhooks are configured. Without them the sink takes notices too (a developer's mailer);
 * with a real email provider and no Slack webhooks, notices wait in the queue.
 */
export function providersFromConfig(config: MailerConfig, db: Executor): MailProvider[] {
  const rate = (provider: keyof typeof DEFAULT_RATE) => config.MAIL_RATE_PER_SECOND ?? DEFAULT_RATE[provider];
  const from = { email: config.MAIL_FROM_ADDRESS, name: config.MAIL_FROM_NAME };
  const timeoutMs = config.MAIL_SEND_TIMEOUT_MS;
  const slack = Object.keys(config.slackWebhooks).length > 0 ? [new SlackProvider({ webhooks: config.slackWebhooks, ratePerSecond: rate('slack'), timeoutMs })] : [];
  switch (config.MAIL_PROVIDER) {
    case 'sink':
      return [new SinkProvider(db, config.MAIL_FROM_ADDRESS, rate('sink'), slack.length > 0 ? ['email'] : ['email', 'slack']), ...slack];
    case 'smtp':
      return [new SmtpProvider({ url: config.SMTP_URL!, from, ratePerSecond: rate('smtp'), timeoutMs }), ...slack];
    case 'sendgrid':
      return [
        new SendgridProvider({ apiKey: config.SENDGRID_API_KEY!, baseUrl: config.SENDGRID_BASE_URL, from, sandbox: config.SENDGRID_SANDBOX, ratePerSecond: rate('sendgrid'), timeoutMs }),
        ...slack,
      ];
  }
}
