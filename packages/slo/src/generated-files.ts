import { alertmanagerConfig } from './prometheus/alertmanager-config.ts';
import { renderAlertmanagerConfig, renderRuleFile } from './prometheus/render-yaml.ts';
import { sloRuleGroups } from './prometheus/slo-rules.ts';
import type { SloSet } from './slo-definition.ts';

/** Where a deployment mounts the Slack webhook URL for Alertmanager (a secret, never in the repository). */
export const SLACK_WEBHOOK_URL_FILE = '/etc/alertmanager/secrets/slack-webhook-url';
export const SLACK_CHANNEL = '#hatago-alerts';

/** What `npm run slo:rules` writes, by path from the repository root; the staleness test compares the same. */
export function generatedFiles(set: SloSet): Record<string, string> {
  return {
    'deploy/prometheus/slo-rules.yml': renderRuleFile(sloRuleGroups(set)),
    'deploy/prometheus/alertmanager.yml': renderAlertmanagerConfig(alertmanagerConfig({ slackWebhookUrlFile: SLACK_WEBHOOK_URL_FILE, slackChannel: SLACK_CHANNEL })),
  };
}
