import type { Executor } from '@hatago/db';
import { enqueueNotice, operatorAlert } from '@hatago/mail';
import type { Logger } from '@hatago/platform/logging';
import { type AlertChange, SreMonitor, type SreSources } from '@hatago/slo';
import { slo } from '../../../config/slo.ts';

export interface EmbeddedSreOptions {
  /** Slack channel the alerts are posted to (a notice through the mail platform). */
  alertChannel?: string;
  sampleEveryMs?: number;
  /** Windows divided by this (tests); 1 in real use. */
  timeScale?: number;
}

/**
 * The embedded platform's stand-in for Prometheus and Alertmanager: the SLOs of
 * config/slo.ts evaluated in process, each alert and its resolution posted to Slack as an
 * operator-alert notice through the mail outbox, so delivery, retries and the message's
 * history in the operator console come from the mail platform. Sources are filled in once
 * the apps exist.
 */
export function createEmbeddedSre(db: Executor, logger: Logger, options: EmbeddedSreOptions = {}): { monitor: SreMonitor; sources: SreSources } {
  const sources: SreSources = { services: [] };
  const channel = options.alertChannel ?? '#hatago-alerts';
  const post = (change: AlertChange) => {
    const { alert, status } = change;
    logger.warn({ alert: alert.alert, slo: alert.slo, status }, `SLO alert ${status}`);
    enqueueNotice(db, operatorAlert, {
      channel,
      params: {
        // the title Alertmanager's Slack messages carry, so both modes read alike
        title: `[${status.toUpperCase()}] ${alert.alert} ${alert.slo}`,
        text: `${alert.summary}\n${alert.description}\nrunbook: ${alert.runbookUrl}`,
        severity: status === 'resolved' ? 'info' : alert.severity === 'page' ? 'critical' : 'warning',
      },
      idempotencyKey: `slo-alert:${alert.alert}:${alert.slo}:${alert.activeSince}:${status}`,
    }).catch((error: unknown) => logger.error({ err: error, alert: alert.alert }, 'SLO alert not queued'));
  };
  const monitor = new SreMonitor({
    slos: slo,
    sources,
    onAlert: post,
    ...(options.sampleEveryMs ? { sampleEveryMs: options.sampleEveryMs } : {}),
    ...(options.timeScale ? { timeScale: options.timeScale } : {}),
  });
  return { monitor, sources };
}
