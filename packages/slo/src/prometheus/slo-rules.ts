import { BURN_RATE_ALERTS, burnAlertText, durationName, ERROR_RATIO_WINDOWS, scaledDuration } from '../burn-rate-policy.ts';
import { type SloSet, windowSeconds } from '../slo-definition.ts';
import { platformRuleGroups } from './platform-rules.ts';
import { type Rule, type RuleGroup, runbookUrl } from './rule-types.ts';
import { errorRatioQuery } from './sli-queries.ts';

export interface RuleOptions {
  /**
   * 1 in production. N divides every window, `for` and offset by N (rule names keep their
   * production windows), so an end-to-end test sees an hour's burn in 3600/N seconds.
   */
  timeScale?: number;
}

/** Budget-burn threshold in error ratio, rounded so 14.4 × 0.001 reads 0.0144 and not 0.014400000000000001. */
const threshold = (factor: number, objective: number) => Number((factor * (1 - objective)).toPrecision(6));

/**
 * The Prometheus rules for every SLO: error ratios recorded per window, the error budget
 * left over the SLO's window, and the multi-window multi-burn-rate alerts; then the route,
 * mail, edge and business rules of platform-rules.ts.
 */
export function sloRuleGroups(set: SloSet, options: RuleOptions = {}): RuleGroup[] {
  const scale = options.timeScale ?? 1;
  const ratios: Rule[] = [];
  const alerts: Rule[] = [];
  for (const slo of set.slos) {
    const labels = { slo: slo.name, journey: slo.journey };
    const series = (seconds: number) => `slo:sli_error:ratio_rate${durationName(seconds)}{slo="${slo.name}"}`;
    for (const seconds of ERROR_RATIO_WINDOWS) {
      ratios.push({ record: `slo:sli_error:ratio_rate${durationName(seconds)}`, expr: errorRatioQuery(slo, scaledDuration(seconds, scale)), labels });
    }
    ratios.push(
      { record: 'slo:objective:ratio', expr: `vector(${slo.objective})`, labels },
      // the mean of the 5-minute ratios, as Sloth does: a rate over the whole window at every evaluation would be costly
      { record: 'slo:sli_error:ratio_window', expr: `avg_over_time(${series(300)}[${scaledDuration(windowSeconds(slo.window), scale)}])`, labels },
      { record: 'slo:error_budget_remaining:ratio', expr: `1 - slo:sli_error:ratio_window{slo="${slo.name}"} / ${Number((1 - slo.objective).toPrecision(6))}`, labels },
    );
    for (const policy of BURN_RATE_ALERTS) {
      const limit = threshold(policy.factor, slo.objective);
      alerts.push({
        alert: policy.alert,
        expr: `${series(policy.longSeconds)} > ${limit} and ${series(policy.shortSeconds)} > ${limit}`,
        for: scaledDuration(policy.forSeconds, scale),
        labels: { severity: policy.severity, ...labels },
        annotations: {
          ...burnAlertText(slo, policy),
          runbook_url: runbookUrl(policy.alert),
        },
      });
    }
  }
  return [{ name: 'hatago-slo-error-ratios', rules: ratios }, { name: 'hatago-slo-alerts', rules: alerts }, ...platformRuleGroups(scale)];
}
