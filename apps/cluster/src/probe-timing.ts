import edgeRules from '../../../config/edge.ts';
import type { ProbeRule } from '@hatago/edge-rules';
import type { ScaledApp } from './cluster-layout.ts';

/**
 * How long the edge takes to notice an instance changing, from the probe in the edge rules
 * (healthy while `threshold` of the last `window` probes passed). An instance's drain
 * delay is set from it, so the edge has stopped sending to an instance before it closes.
 */
export interface ProbeTiming {
  /** From readiness failing to the edge taking the instance out of its pool. */
  noticeDownMs: number;
  /** From readiness passing to the edge putting the instance back (at most). */
  noticeUpMs: number;
}

export function probeTimingOf(app: ScaledApp): ProbeTiming {
  const probe: ProbeRule = edgeRules.backends[app].probe;
  // one interval of phase (the next probe may be a whole interval away) plus the probes needed
  return {
    noticeDownMs: probe.intervalMs * (probe.window - probe.threshold + 2) + probe.timeoutMs,
    noticeUpMs: probe.intervalMs * (probe.threshold + 1) + probe.timeoutMs,
  };
}
