import type { SloDefinition } from './slo-definition.ts';

/**
 * Multi-window, multi-burn-rate alerting (Google SRE workbook, "Alerting on SLOs", ch. 5):
 * an alert fires while the error ratio over both its long and its short window exceeds
 * `factor` × the error budget (1 − objective). The long window makes it significant, the
 * short one makes it stop soon after the errors stop. Prometheus rules and the embedded
 * evaluator both read this table, so they raise the same alerts.
 */
export interface BurnRateAlert {
  alert: string;
  severity: 'page' | 'ticket';
  factor: number;
  longSeconds: number;
  shortSeconds: number;
  /** How long the condition must hold before the alert fires. */
  forSeconds: number;
}

export const BURN_RATE_ALERTS: readonly BurnRateAlert[] = [
  // 2 % of a 30-day budget in one hour
  { alert: 'SloErrorBudgetBurnFast', severity: 'page', factor: 14.4, longSeconds: 3600, shortSeconds: 300, forSeconds: 120 },
  // 5 % in six hours
  { alert: 'SloErrorBudgetBurnSlow', severity: 'page', factor: 6, longSeconds: 6 * 3600, shortSeconds: 1800, forSeconds: 900 },
  // 10 % in three days: not worth waking anyone, worth a look today
  { alert: 'SloErrorBudgetBurnTicket', severity: 'ticket', factor: 1, longSeconds: 3 * 86_400, shortSeconds: 6 * 3600, forSeconds: 3600 },
];

/** What a burn-rate alert of one SLO says, the same in Prometheus, Slack and the console. */
export function burnAlertText(slo: SloDefinition, policy: BurnRateAlert): { summary: string; description: string } {
  return {
    summary: `${slo.name}: error budget burning ${policy.factor}× too fast over ${durationName(policy.longSeconds)} and ${durationName(policy.shortSeconds)}`,
    description: `${slo.description} (objective ${slo.objective * 100} % over ${slo.window}).`,
  };
}

/** Every window some alert reads, shortest first: the error ratios worth recording. */
export const ERROR_RATIO_WINDOWS: readonly number[] = [...new Set(BURN_RATE_ALERTS.flatMap((a) => [a.shortSeconds, a.longSeconds]))].sort((a, b) => a - b);

/** `300` → `5m`, `259200` → `3d`: the names recording rules carry whatever the time scale. */
export function durationName(seconds: number): string {
  for (const [unit, size] of [['d', 86_400], ['h', 3600], ['m', 60]] as const) if (seconds % size === 0) return `${seconds / size}${unit}`;
  return `${seconds}s`;
}

/** A Prometheus duration for `seconds / timeScale`, in whole milliseconds when it is not whole seconds. */
export function scaledDuration(seconds: number, timeScale: number): string {
  const ms = Math.round((seconds * 1000) / timeScale);
  return ms % 1000 === 0 ? durationName(ms / 1000) : `${ms}ms`;
}
