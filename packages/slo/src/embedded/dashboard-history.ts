import { histogramQuantile } from './histogram-quantile.ts';

/** One reading of the cumulative counters and the gauges the SRE dashboard charts. */
export interface DashboardReading {
  at: number;
  /** service → cumulative requests, server errors and latency buckets ([bound, cumulative count], +Inf last) */
  services: Record<string, { requests: number; errors: number; buckets: Array<[number, number]> }>;
  /** cumulative edge cache answers by outcome (HIT, MISS, STALE, PASS) and stale answers on origin error */
  edge: { byOutcome: Record<string, number>; staleOnError: number };
  mail: { queueDepth: number; oldestDueSeconds: number };
}

/** Chart-ready columns: `at` in seconds, each other column one value (or null) per point. */
export interface DashboardSeries {
  at: number[];
  services: Record<string, { requestsPerSecond: Array<number | null>; errorRatio: Array<number | null>; p50: Array<number | null>; p95: Array<number | null>; p99: Array<number | null> }>;
  edge: { hitRatio: Array<number | null>; staleAnswersPerSecond: Array<number | null>; staleOnErrorPerSecond: Array<number | null> };
  mail: { queueDepth: number[]; oldestDueSeconds: number[] };
}

/**
 * The last hour of readings in a bounded ring (capacity fixed at construction), turned into
 * per-interval rates and quantiles when asked: what a Prometheus would have drawn, without one.
 */
export class DashboardHistory {
  readonly #ring: DashboardReading[] = [];

  constructor(private readonly capacity: number) {}

  record(reading: DashboardReading): void {
    this.#ring.push(reading);
    if (this.#ring.length > this.capacity) this.#ring.shift();
  }

  series(): DashboardSeries {
    const pairs = this.#ring.slice(1).map((b, i) => [this.#ring[i]!, b] as const);
    const services = [...new Set(this.#ring.flatMap((r) => Object.keys(r.services)))].sort();
    const perSecond = (d: number, a: DashboardReading, b: DashboardReading) => d / ((b.at - a.at) / 1000);
    return {
      at: pairs.map(([, b]) => Math.round(b.at / 1000)),
      services: Object.fromEntries(
        services.map((name) => {
          const deltas = pairs.map(([a, b]) => {
            const x = a.services[name];
            const y = b.services[name];
            if (!x || !y) return undefined;
            const requests = y.requests - x.requests;
            const buckets = y.buckets.map(([bound, count], i) => [bound, count - (x.buckets[i]?.[1] ?? 0)] as [number, number]);
            return { requests, errors: y.errors - x.errors, buckets, rate: perSecond(requests, a, b) };
          });
          const q = (quantile: number) => deltas.map((d) => (d ? (histogramQuantile(quantile, d.buckets) ?? null) : null));
          return [
            name,
            {
              requestsPerSecond: deltas.map((d) => d?.rate ?? null),
              errorRatio: deltas.map((d) => (d && d.requests > 0 ? d.errors / d.requests : null)),
              p50: q(0.5),
              p95: q(0.95),
              p99: q(0.99),
            },
          ];
        }),
      ),
      edge: {
        hitRatio: pairs.map(([a, b]) => {
          const delta = (k: string) => (b.edge.byOutcome[k] ?? 0) - (a.edge.byOutcome[k] ?? 0);
          const all = ['HIT', 'MISS', 'STALE', 'PASS'].reduce((sum, k) => sum + delta(k), 0);
          return all > 0 ? (delta('HIT') + delta('STALE')) / all : null;
        }),
        staleAnswersPerSecond: pairs.map(([a, b]) => perSecond((b.edge.byOutcome.STALE ?? 0) - (a.edge.byOutcome.STALE ?? 0), a, b)),
        staleOnErrorPerSecond: pairs.map(([a, b]) => perSecond(b.edge.staleOnError - a.edge.staleOnError, a, b)),
      },
      mail: { queueDepth: pairs.map(([, b]) => b.mail.queueDepth), oldestDueSeconds: pairs.map(([, b]) => b.mail.oldestDueSeconds) },
    };
  }
}
