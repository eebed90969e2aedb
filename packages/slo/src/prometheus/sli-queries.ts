import type { Selector, SloDefinition } from '../slo-definition.ts';

/**
 * `{a=~"x",b=~"y",le="0.3"}`: the selectors as regex matchers, then exact ones. Values are
 * quoted as PromQL strings (JSON's escapes are the same).
 */
export const matchers = (selectors: Selector[], exact: Record<string, string> = {}) => {
  const parts = [
    ...selectors.flatMap((s) => Object.entries(s).map(([label, regex]) => `${label}=~${JSON.stringify(regex)}`)),
    ...Object.entries(exact).map(([label, value]) => `${label}=${JSON.stringify(value)}`),
  ];
  return parts.length ? `{${parts.join(',')}}` : '';
};

/**
 * The SLO's error ratio over `range` (a Prometheus duration): bad events over all events.
 * With no bad event yet, the bad side is 0 rather than absent; with no event at all the
 * ratio is absent, so silence never pages.
 */
export function errorRatioQuery(slo: SloDefinition, range: string): string {
  const { indicator } = slo;
  const { histogram, selector } = indicator.source;
  const total = `sum(rate(${histogram}_count${matchers([selector])}[${range}]))`;
  if (indicator.kind === 'availability') {
    return `(sum(rate(${histogram}_count${matchers([selector, indicator.errors])}[${range}])) or vector(0)) / ${total}`;
  }
  const good = `${histogram}_bucket${matchers([selector, indicator.goodWhen ?? {}], { le: String(indicator.thresholdSeconds) })}`;
  return `1 - (sum(rate(${good}[${range}])) or vector(0)) / ${total}`;
}
