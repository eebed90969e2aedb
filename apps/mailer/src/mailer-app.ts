import { HTTP_LATENCY_BUCKETS } from '../../../config/slo.ts';
import type { Database } from '@hatago/db';
import { html } from '@hatago/platform/html';
import { createHttpApp, type HttpApp } from '@hatago/platform/http';
import type { Logger } from '@hatago/platform/logging';
import type { Registry } from 'prom-client';
import { sendgridWebhookRoutes } from './webhooks/sendgrid-webhook-routes.ts';

export interface MailerAppDeps {
  database: Database;
  logger: Logger;
  /** The delivery metrics of this process's workers (see createMailMetrics). */
  metrics?: Registry;
  /** The bearer token /metrics asks for; without one the app serves no metrics. */
  metricsToken?: string;
  /** SendGrid's Event Webhook verification key; without it the webhook refuses every batch. */
  sendgridWebhook?: { publicKey: string | undefined; maxAgeSeconds?: number };
}

/**
 * The mailer's HTTP side: probes, metrics and SendGrid's Event Webhook. The workers run
 * beside it in the same process (startMailWorkers); no request ever waits on a send.
 */
export async function buildMailerApp(deps: MailerAppDeps): Promise<HttpApp> {
  const app = createHttpApp({
    metricsToken: deps.metricsToken,
    service: 'mailer',
    logger: deps.logger,
    readiness: () => deps.database.ping(),
    // machines call the mailer, never browsers: every error is problem+json
    apiPrefix: '/',
    errorPage: (problem) => html`<!doctype html><title>${problem.title}</title><p>${problem.title} (request ${problem.requestId ?? ''}${problem.traceId ? `, trace ${problem.traceId}` : ''})</p>`.value,
    metrics: [...(deps.metrics ? [deps.metrics] : []), deps.database.metrics],
    latencyBuckets: HTTP_LATENCY_BUCKETS,
  });
  await app.register(sendgridWebhookRoutes({ database: deps.database, publicKey: deps.sendgridWebhook?.publicKey, ...(deps.sendgridWebhook?.maxAgeSeconds ? { maxAgeSeconds: deps.sendgridWebhook.maxAgeSeconds } : {}) }));
  return app;
}
