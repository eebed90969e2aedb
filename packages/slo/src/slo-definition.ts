/**
 * Service level objectives as data: one definition drives the Prometheus rules
 * (`npm run slo:rules`), the apps' latency histogram buckets and the embedded evaluator,
 * so what pages the on-call engineer, what the dashboard shows and what the histograms can
 * measure never disagree.
 */

/**
 * Label matchers, each an RE2/JavaScript regular expression matched against the whole value
 * (PromQL `=~` anchors both ends; the evaluator does the same). Build them with {@link anyOf}.
 */
export type Selector = Readonly<Record<string, string>>;

export interface HistogramSource {
  /** A Prometheus histogram (its `_bucket`, `_count` series). */
  histogram: string;
  selector: Selector;
}

/** Good events are the ones not matching `errors`: e.g. `{ status: '5..' }`. */
export interface AvailabilityIndicator {
  kind: 'availability';
  source: HistogramSource;
  errors: Selector;
}

/** Good events are observations at or under `thresholdSeconds` (and matching `goodWhen`). */
export interface LatencyIndicator {
  kind: 'latency';
  source: HistogramSource;
  thresholdSeconds: number;
  /** Further matchers only good events carry, e.g. `{ outcome: 'sent' }`: a failed mail is never on time. */
  goodWhen?: Selector;
}

export type Indicator = AvailabilityIndicator | LatencyIndicator;

export type Window = `${number}d`;

export interface SloDefinition {
  /** Unique, kebab-case: the `slo` label of every rule and alert. */
  name: string;
  /** The user journey it protects (several SLOs per journey): the `journey` label. */
  journey: string;
  description: string;
  /** Fraction of good events, e.g. 0.999. */
  objective: number;
  /** Compliance window the error budget is counted over. */
  window: Window;
  indicator: Indicator;
}

export interface SloSet {
  readonly slos: readonly SloDefinition[];
  /** Latency histogram buckets per histogram: base buckets plus every latency objective's threshold. */
  bucketsFor(histogram: string, base: readonly number[]): number[];
}

const NAME = /^[a-z][a-z0-9-]*$/;

/** Checks the definitions once, where they are written: a typo must not reach a rule file. */
export function defineSlos(slos: readonly SloDefinition[]): SloSet {
  const seen = new Set<string>();
  for (const slo of slos) {
    if (!NAME.test(slo.name)) throw new Error(`SLO name ${JSON.stringify(slo.name)} must be kebab-case`);
    if (seen.has(slo.name)) throw new Error(`SLO ${slo.name} is defined twice`);
    seen.add(slo.name);
    if (!(slo.objective > 0 && slo.objective < 1)) throw new Error(`SLO ${slo.name}: objective must be between 0 and 1 (exclusive)`);
    if (!(windowSeconds(slo.window) > 0)) throw new Error(`SLO ${slo.name}: window ${slo.window} must be a positive number of days`);
    if (slo.indicator.kind === 'latency' && !(slo.indicator.thresholdSeconds > 0)) throw new Error(`SLO ${slo.name}: latency threshold must be positive`);
  }
  return {
    slos,
    bucketsFor(histogram, base) {
      const thresholds = slos.flatMap((s) => (s.indicator.kind === 'latency' && s.indicator.source.histogram === histogram ? [s.indicator.thresholdSeconds] : []));
      return [...new Set([...base, ...thresholds])].sort((a, b) => a - b);
    },
  };
}

export const windowSeconds = (window: Window) => Number(window.slice(0, -1)) * 86_400;

/** A matcher for exactly these values (regex metacharacters escaped). */
export const anyOf = (...values: string[]) => values.map((v) => v.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|');
