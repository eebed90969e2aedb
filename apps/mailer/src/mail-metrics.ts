import { Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { Executor } from '@hatago/db';
import { type DeliveryObserver, mailQueueDepth, oldestDueMessageAge } from '@hatago/mail';
import { MAIL_DELIVERY_BUCKETS } from '../../../config/slo.ts';

/** Outcomes that end a message's life: the mail-delivery SLO counts each message once, here. */
const FINAL = new Set(['sent', 'failed', 'dead']);

/**
 * The mailer's own metrics: what happened to each attempt (`mail_send_duration_seconds_count`
 * is the sends by provider and outcome), how long after queueing a message was delivered or
 * given up on (the mail-delivery SLO), how deep the queue is and how late its oldest due message.
 */
export function createMailMetrics(db: Executor): { registry: Registry; observer: DeliveryObserver } {
  const registry = new Registry();
  const sent = new Counter({ name: 'mail_sent_total', help: 'Messages a provider accepted', labelNames: ['provider'] as const, registers: [registry] });
  const failed = new Counter({
    name: 'mail_failed_total',
    help: 'Messages given up on: failed (permanent) or dead (retries exhausted)',
    labelNames: ['provider', 'status'] as const,
    registers: [registry],
  });
  const retried = new Counter({ name: 'mail_retried_total', help: 'Transient failures scheduled for another try', labelNames: ['provider'] as const, registers: [registry] });
  const suppressed = new Counter({ name: 'mail_suppressed_total', help: 'Messages not sent because the address is suppressed', registers: [registry] });
  const latency = new Histogram({
    name: 'mail_send_duration_seconds',
    help: 'Time of one delivery attempt (render, suppression check, provider call)',
    labelNames: ['provider', 'outcome'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [registry],
  });
  const delivery = new Histogram({
    name: 'mail_delivery_seconds',
    help: 'From queueing to the final outcome (sent, failed, dead) of a message',
    labelNames: ['outcome'] as const,
    buckets: MAIL_DELIVERY_BUCKETS,
    registers: [registry],
  });
  new Gauge({
    name: 'mail_oldest_due_message_age_seconds',
    help: 'Seconds since the oldest message due for sending was queued (0 when none is due)',
    registers: [registry],
    async collect() {
      this.set(await oldestDueMessageAge(db));
    },
  });
  new Gauge({
    name: 'mail_queue_depth',
    help: 'Messages queued or being sent, across all mailers',
    registers: [registry],
    async collect() {
      this.set(await mailQueueDepth(db));
    },
  });
  return {
    registry,
    observer: {
      attempted({ provider, outcome, durationMs, queuedMs }) {
        latency.observe({ provider, outcome }, durationMs / 1000);
        if (FINAL.has(outcome)) delivery.observe({ outcome }, queuedMs / 1000);
        if (outcome === 'sent') sent.inc({ provider });
        else if (outcome === 'retry') retried.inc({ provider });
        else if (outcome === 'suppressed') suppressed.inc();
        else failed.inc({ provider, status: outcome });
      },
    },
  };
}
