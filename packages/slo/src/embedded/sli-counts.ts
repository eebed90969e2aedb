import type { SloDefinition } from '../slo-definition.ts';
import { type HistogramSeries, matches } from './metric-reader.ts';

/** Cumulative events of one SLO: the same good/bad split as the PromQL of sli-queries.ts. */
export interface SliCounts {
  total: number;
  bad: number;
}

export function sliCounts(slo: SloDefinition, series: readonly HistogramSeries[]): SliCounts {
  const { indicator } = slo;
  let total = 0;
  let bad = 0;
  for (const s of series) {
    if (!matches(s.labels, indicator.source.selector)) continue;
    total += s.count;
    if (indicator.kind === 'availability') {
      if (matches(s.labels, indicator.errors)) bad += s.count;
    } else if (!matches(s.labels, indicator.goodWhen ?? {})) {
      bad += s.count;
    } else {
      bad += s.count - (s.buckets.get(String(indicator.thresholdSeconds)) ?? 0);
    }
  }
  return { total, bad };
}
