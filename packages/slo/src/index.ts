export { anyOf, defineSlos, windowSeconds, type HistogramSource, type Indicator, type SloDefinition, type SloSet, type Selector, type Window } from './slo-definition.ts';
export { BURN_RATE_ALERTS, durationName, ERROR_RATIO_WINDOWS, scaledDuration, type BurnRateAlert } from './burn-rate-policy.ts';
export { sloRuleGroups, type RuleOptions } from './prometheus/slo-rules.ts';
export { runbookUrl, type Rule, type RuleGroup } from './prometheus/rule-types.ts';
export { alertmanagerConfig, type AlertmanagerOptions } from './prometheus/alertmanager-config.ts';
export { renderAlertmanagerConfig, renderRuleFile } from './prometheus/render-yaml.ts';
export { generatedFiles, SLACK_CHANNEL, SLACK_WEBHOOK_URL_FILE } from './generated-files.ts';
