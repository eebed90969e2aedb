import { BURN_RATE_ALERTS, type BurnRateAlert, burnAlertText, durationName } from '../burn-rate-policy.ts';
import { runbookUrl } from '../prometheus/rule-types.ts';
import type { SloDefinition, SloSet } from '../slo-definition.ts';

/** The histogram a load balancer sees the same requests of: its target group metrics stand in for it. */
const HTTP_HISTOGRAM = 'http_request_duration_seconds';
const SERVER_ERRORS = '5..';

/**
 * What a CloudWatch alarm watches over one window, in the load balancer's metrics:
 * - `server-error-ratio`: HTTPCode_Target_5XX_Count / RequestCount above `threshold`;
 * - `response-time-percentile`: TargetResponseTime's `statistic` (e.g. `p85.6`) above
 *   `threshold` seconds. "More than a share x of requests slower than T" is exactly
 *   "the (1 − x) percentile slower than T", so the SLO's own threshold is the alarm's.
 */
export type CloudWatchCondition =
  | { metric: 'server-error-ratio'; threshold: number }
  | { metric: 'response-time-percentile'; statistic: `p${number}`; threshold: number };

/** One burn-rate alert of one SLO: an alarm per window, both in ALARM raise it. */
export interface CloudWatchBurnAlarm {
  /** `<slo>-<alert>`, e.g. `search-availability-SloErrorBudgetBurnFast`. */
  name: string;
  slo: string;
  alert: string;
  /** The app whose target group carries the SLO's requests (the selector's `service`). */
  service: string;
  description: string;
  condition: CloudWatchCondition;
  windows: readonly { name: string; seconds: number }[];
}

export interface CloudWatchBurnAlarms {
  alarms: CloudWatchBurnAlarm[];
  /** SLOs no load balancer metric measures, with why: they alert from Prometheus only. */
  prometheusOnly: { slo: string; reason: string }[];
}

/** The page-level pairs: CloudWatch pages; the slow ticket alert stays on the Prometheus side. */
export const CLOUDWATCH_BURN_RATE_ALERTS = BURN_RATE_ALERTS.filter((policy) => policy.severity === 'page');

const round = (value: number) => Number(value.toPrecision(6));

/**
 * The CloudWatch side of the burn-rate policy for every SLO a target group can measure:
 * the same alerts, factors, windows and thresholds as the Prometheus rules (slo-rules.ts).
 * A target group sees every request of its app, so an SLO over some routes of an app is
 * watched over all of them (the route and method matchers cannot be applied).
 */
export function cloudWatchBurnAlarms(set: SloSet, policies: readonly BurnRateAlert[] = CLOUDWATCH_BURN_RATE_ALERTS): CloudWatchBurnAlarms {
  const result: CloudWatchBurnAlarms = { alarms: [], prometheusOnly: [] };
  for (const slo of set.slos) {
    const measurable = targetGroupMeasure(slo);
    if ('reason' in measurable) {
      result.prometheusOnly.push({ slo: slo.name, reason: measurable.reason });
      continue;
    }
    for (const policy of policies) {
      const errorRatio = round(policy.factor * (1 - slo.objective));
      // an error ratio never exceeds 1: such an alarm could never fire (nor can its Prometheus twin)
      if (errorRatio >= 1) continue;
      const { summary, description } = burnAlertText(slo, policy);
      result.alarms.push({
        name: `${slo.name}-${policy.alert}`,
        slo: slo.name,
        alert: policy.alert,
        service: measurable.service,
        description: `${summary}. ${description} Runbook: ${runbookUrl(policy.alert)}`,
        condition: measurable.condition(errorRatio),
        windows: [policy.longSeconds, policy.shortSeconds].map((seconds) => ({ name: durationName(seconds), seconds })),
      });
    }
  }
  return result;
}

type Measure = { service: string; condition: (errorRatio: number) => CloudWatchCondition } | { reason: string };

function targetGroupMeasure(slo: SloDefinition): Measure {
  const { indicator } = slo;
  const { histogram, selector } = indicator.source;
  const service = selector.service;
  if (histogram !== HTTP_HISTOGRAM) return { reason: `${histogram} is not an HTTP request the load balancer sees, and the stack publishes no CloudWatch metric of it` };
  if (!service || !/^[a-z][a-z0-9-]*$/.test(service)) return { reason: 'its requests are not those of one app (no single `service` value), so of no one target group' };
  if (indicator.kind === 'availability') {
    const errors = Object.entries(indicator.errors);
    if (errors.length !== 1 || errors[0]![0] !== 'status' || errors[0]![1] !== SERVER_ERRORS) return { reason: 'its errors are not the 5xx answers the load balancer counts' };
    return { service, condition: (threshold) => ({ metric: 'server-error-ratio', threshold }) };
  }
  if (indicator.goodWhen && Object.keys(indicator.goodWhen).length > 0) return { reason: 'its good events need labels the load balancer does not see' };
  return {
    service,
    condition: (errorRatio) => ({ metric: 'response-time-percentile', statistic: `p${percentile(errorRatio)}`, threshold: indicator.thresholdSeconds }),
  };
}

/**
 * The percentile slower than the threshold exactly when more than `errorRatio` of requests
 * are, to the two decimals CloudWatch percentiles are written with (p99.86, not p99.856):
 * rounded up, so the alarm pages a hair early rather than late.
 */
const percentile = (errorRatio: number) => Math.ceil(round(100 * (1 - errorRatio)) * 100 - 1e-9) / 100;
