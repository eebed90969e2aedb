export { buildMailerApp, type MailerAppDeps } from './mailer-app.ts';
export { createMailMetrics } from './mail-metrics.ts';
export { loadMailerConfig, MailerEnv, parseSlackWebhooks, type MailerConfig } from './mailer-config.ts';
export { providersFromConfig } from './providers-from-config.ts';
export { startMailWorkers, type MailWorkerOptions, type MailWorkers } from '@hatago/mail';
