import { BURN_RATE_ALERTS, type BurnRateAlert, burnAlertText } from '../burn-rate-policy.ts';
import { runbookUrl } from '../prometheus/rule-types.ts';
import { type SloDefinition, type SloSet, windowSeconds } from '../slo-definition.ts';
import type { SliCounts } from './sli-counts.ts';

/** An alert as the embedded platform raises it: the labels and annotations Prometheus would give it. */
export interface SloAlert {
  alert: string;
  severity: BurnRateAlert['severity'];
  slo: string;
  journey: string;
  summary: string;
  description: string;
  runbookUrl: string;
  /** When its condition started to hold (ms). */
  activeSince: number;
}

export interface SloStatus {
  slo: SloDefinition;
  /** Good events over the history held (up to the SLO window), or undefined without traffic. */
  sli: number | undefined;
  /** Fraction of the error budget left over that history; negative once overspent. */
  budgetLeft: number | undefined;
  /** Error ratio over the last hour ÷ the budget ratio: 1 spends the budget exactly over the window. */
  burnRate1h: number | undefined;
  /** Seconds of history behind `sli` (short after a restart: the evaluator keeps no state on disk). */
  historySeconds: number;
}

interface Sample {
  at: number;
  counts: ReadonlyMap<string, SliCounts>;
}

const FINE_SECONDS = Math.max(...BURN_RATE_ALERTS.map((a) => a.longSeconds));

/**
 * The burn-rate alerts of deploy/prometheus/slo-rules.yml, evaluated in process from the
 * same definitions and policy table, for the embedded platform that has no Prometheus.
 * Each `observe` adds one sample of every SLO's cumulative counts; error ratios are
 * differences between samples, like `rate()`. Fine samples cover the longest alert window
 * (3 d), one sample an hour covers the SLO window (28 d) for the budget. An alert fires
 * once its condition has held for its `for`, and resolves as soon as it stops holding.
 */
export class SloEvaluator {
  readonly #fine: Sample[] = [];
  readonly #hourly: Sample[] = [];
  readonly #state = new Map<string, { since: number; firing: boolean }>();
  readonly #scale: number;

  constructor(
    private readonly set: SloSet,
    private readonly onChange: (event: { status: 'firing' | 'resolved'; alert: SloAlert; at: number }) => void,
    options: { timeScale?: number } = {},
  ) {
    this.#scale = options.timeScale ?? 1;
  }

  observe(at: number, counts: ReadonlyMap<string, SliCounts>): void {
    this.#fine.push({ at, counts });
    while (this.#fine.length > 2 && this.#fine[1]!.at <= at - this.#ms(FINE_SECONDS)) this.#fine.shift();
    const lastHourly = this.#hourly.at(-1);
    if (!lastHourly || at - lastHourly.at >= this.#ms(3600)) this.#hourly.push({ at, counts });
    const longest = Math.max(...this.set.slos.map((s) => windowSeconds(s.window)));
    while (this.#hourly.length > 2 && this.#hourly[1]!.at <= at - this.#ms(longest)) this.#hourly.shift();
    for (const slo of this.set.slos) for (const policy of BURN_RATE_ALERTS) this.#evaluate(slo, policy, at);
  }

  /** Alerts whose condition has held for their `for`. */
  firing(): SloAlert[] {
    return this.set.slos.flatMap((slo) =>
      BURN_RATE_ALERTS.flatMap((policy) => {
        const state = this.#state.get(`${policy.alert}/${slo.name}`);
        return state?.firing ? [alertOf(slo, policy, state.since)] : [];
      }),
    );
  }

  status(): SloStatus[] {
    const now = this.#fine.at(-1)?.at;
    return this.set.slos.map((slo) => {
      const budget = 1 - slo.objective;
      const whole = this.#ratio(slo, this.#hourly.length > 1 ? this.#hourly : this.#fine, windowSeconds(slo.window));
      const hour = this.#ratio(slo, this.#fine, 3600);
      const oldest = (this.#hourly[0] ?? this.#fine[0])?.at;
      return {
        slo,
        sli: whole === undefined ? undefined : 1 - whole,
        budgetLeft: whole === undefined ? undefined : 1 - whole / budget,
        burnRate1h: hour === undefined ? undefined : hour / budget,
        historySeconds: now === undefined || oldest === undefined ? 0 : ((now - oldest) / 1000) * this.#scale,
      };
    });
  }

  #evaluate(slo: SloDefinition, policy: BurnRateAlert, at: number): void {
    const limit = policy.factor * (1 - slo.objective);
    const long = this.#ratio(slo, this.#fine, policy.longSeconds);
    const short = this.#ratio(slo, this.#fine, policy.shortSeconds);
    const key = `${policy.alert}/${slo.name}`;
    const state = this.#state.get(key);
    if (long !== undefined && short !== undefined && long > limit && short > limit) {
      if (!state) this.#state.set(key, { since: at, firing: policy.forSeconds === 0 });
      else if (!state.firing && at - state.since >= this.#ms(policy.forSeconds)) {
        state.firing = true;
        this.onChange({ status: 'firing', alert: alertOf(slo, policy, state.since), at });
      }
      return;
    }
    if (!state) return;
    this.#state.delete(key);
    if (state.firing) this.onChange({ status: 'resolved', alert: alertOf(slo, policy, state.since), at });
  }

  /** Error ratio between the newest sample and the oldest one inside the window; undefined without events. */
  #ratio(slo: SloDefinition, samples: readonly Sample[], seconds: number): number | undefined {
    const newest = samples.at(-1);
    if (!newest) return undefined;
    const from = newest.at - this.#ms(seconds);
    const oldest = samples.find((s) => s.at >= from) ?? newest;
    const a = oldest.counts.get(slo.name);
    const b = newest.counts.get(slo.name);
    if (!a || !b || b.total - a.total <= 0) return undefined;
    return (b.bad - a.bad) / (b.total - a.total);
  }

  #ms(seconds: number) {
    return (seconds * 1000) / this.#scale;
  }
}

/** The same labels and annotations as the generated Prometheus alert. */
function alertOf(slo: SloDefinition, policy: BurnRateAlert, since: number): SloAlert {
  return {
    alert: policy.alert,
    severity: policy.severity,
    slo: slo.name,
    journey: slo.journey,
    ...burnAlertText(slo, policy),
    runbookUrl: runbookUrl(policy.alert),
    activeSince: since,
  };
}
