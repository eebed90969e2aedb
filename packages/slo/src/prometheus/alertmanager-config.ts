import { scaledDuration } from '../burn-rate-policy.ts';

export interface AlertmanagerOptions {
  /** A file holding the Slack incoming-webhook URL (a mounted secret): the URL never lands in the repository. */
  slackWebhookUrlFile: string;
  slackChannel: string;
  /** 1 in production; the end-to-end test divides the waits by it. */
  timeScale?: number;
}

/**
 * Alertmanager routing every Hatago alert to Slack, the channel every engineer watches:
 * pages at once and repeated hourly while they last, tickets batched; a page silences the
 * ticket of the same SLO (no two messages for one fire); resolutions are posted too.
 */
export function alertmanagerConfig(options: AlertmanagerOptions) {
  const scale = options.timeScale ?? 1;
  const d = (seconds: number) => scaledDuration(seconds, scale);
  const slack = (name: string, mention: string) => ({
    name,
    slack_configs: [
      {
        api_url_file: options.slackWebhookUrlFile,
        channel: options.slackChannel,
        send_resolved: true,
        title: '[{{ .Status | toUpper }}] {{ .CommonLabels.alertname }}{{ if .CommonLabels.slo }} {{ .CommonLabels.slo }}{{ end }}',
        text: `${mention}{{ range .Alerts }}{{ .Annotations.summary }}\n{{ if .Annotations.description }}{{ .Annotations.description }}\n{{ end }}runbook: {{ .Annotations.runbook_url }}\n{{ end }}`,
      },
    ],
  });
  return {
    route: {
      receiver: 'slack-ticket',
      group_by: ['alertname', 'slo', 'service', 'route'],
      group_wait: d(30),
      group_interval: d(300),
      repeat_interval: d(12 * 3600),
      routes: [{ matchers: ['severity="page"'], receiver: 'slack-page', repeat_interval: d(3600) }],
    },
    inhibit_rules: [{ source_matchers: ['severity="page"'], target_matchers: ['severity="ticket"'], equal: ['slo'] }],
    receivers: [slack('slack-page', '<!here> '), slack('slack-ticket', '')],
  };
}
