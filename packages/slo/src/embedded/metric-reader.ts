import type { Registry } from 'prom-client';
import type { Selector } from '../slo-definition.ts';

/** A registry and the labels a scraper would add to its series (the app's `service`). */
export interface MetricSource {
  registry: Registry;
  labels: Readonly<Record<string, string>>;
}

/** One label set of a histogram, cumulative since the process started. */
export interface HistogramSeries {
  labels: Record<string, string>;
  /** `le` as prom-client prints it → cumulative count */
  buckets: Map<string, number>;
  count: number;
}

/** Every series of `name` across the sources (a source without it adds none). */
export async function readHistogram(sources: readonly MetricSource[], name: string): Promise<HistogramSeries[]> {
  const out: HistogramSeries[] = [];
  for (const source of sources) {
    const metric = source.registry.getSingleMetric(name);
    if (!metric) continue;
    const bySet = new Map<string, HistogramSeries>();
    for (const value of (await metric.get()).values as Array<{ labels: object; value: number; metricName?: string }>) {
      const { le, ...rest } = value.labels as Record<string, string | number>;
      const labels = { ...source.labels, ...Object.fromEntries(Object.entries(rest).map(([k, v]) => [k, String(v)])) };
      const key = JSON.stringify(labels);
      let series = bySet.get(key);
      if (!series) bySet.set(key, (series = { labels, buckets: new Map(), count: 0 }));
      if (value.metricName === `${name}_bucket` && le !== undefined) series.buckets.set(String(le), value.value);
      else if (value.metricName === `${name}_count`) series.count = value.value;
    }
    out.push(...bySet.values());
  }
  return out;
}

/** The sum of a counter or gauge's values across sources, those matching `selector` only. */
export async function readTotal(sources: readonly MetricSource[], name: string, selector: Selector = {}): Promise<number | undefined> {
  let total: number | undefined;
  for (const source of sources) {
    const metric = source.registry.getSingleMetric(name);
    if (!metric) continue;
    for (const value of (await metric.get()).values) {
      if (matches({ ...source.labels, ...(value.labels as Record<string, string>) }, selector)) total = (total ?? 0) + value.value;
    }
  }
  return total;
}

const compiled = new Map<string, RegExp>();
/** PromQL's `=~`: the whole value matches (a missing label is the empty string). */
export function matches(labels: Readonly<Record<string, string | number | undefined>>, selector: Selector): boolean {
  for (const [label, regex] of Object.entries(selector)) {
    let re = compiled.get(regex);
    if (!re) compiled.set(regex, (re = new RegExp(`^(?:${regex})$`)));
    if (!re.test(String(labels[label] ?? ''))) return false;
  }
  return true;
}
