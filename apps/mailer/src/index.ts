export { buildMailerApp, type MailerAppDeps } from './mailer-app.ts';
export { createMailMetrics } from './mail-metrics.ts';
export { loadMailerConfig, MailerEnv, type MailerConfig } from './mailer-config.ts';
export { platformTemplates } from './platform-templates.ts';
export { providersFromConfig } from './providers-from-config.ts';
export { startMailWorkers, type MailWorkerOptions, type MailWorkers } from '@hatago/mail';
