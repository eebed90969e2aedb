import type { Registry } from 'prom-client';
import type { SloSet } from '../slo-definition.ts';
import { type DashboardReading, type DashboardSeries, DashboardHistory } from './dashboard-history.ts';
import { type MetricSource, readHistogram, readTotal } from './metric-reader.ts';
import { sliCounts } from './sli-counts.ts';
import { type SloAlert, SloEvaluator, type SloStatus } from './slo-evaluator.ts';

export interface SreSources {
  /** Each app's registries (app.metricRegistries), labelled with its name as `service`, as Prometheus would scrape them. */
  services: Array<{ name: string; registries: Registry[] }>;
  edge?: Registry;
}

export interface SreSnapshot {
  generatedAt: number;
  slos: Array<Omit<SloStatus, 'slo'> & { name: string; journey: string; description: string; objective: number; window: string }>;
  alerts: SloAlert[];
  series: DashboardSeries;
}

export type AlertChange = { status: 'firing' | 'resolved'; alert: SloAlert; at: number };

const HTTP = 'http_request_duration_seconds';

/**
 * The embedded platform's Prometheus: every `sampleEveryMs` it reads the apps' registries
 * in process, feeds the SLO evaluator (the same alerts as slo-rules.yml, told to `onAlert`)
 * and keeps the last hour for the operator console's charts.
 */
export class SreMonitor {
  readonly #evaluator: SloEvaluator;
  readonly #history: DashboardHistory;
  #timer: NodeJS.Timeout | undefined;
  #sampling: Promise<void> = Promise.resolve();

  constructor(
    private readonly options: { slos: SloSet; sources: SreSources; onAlert: (change: AlertChange) => void; sampleEveryMs?: number; timeScale?: number },
  ) {
    this.#evaluator = new SloEvaluator(options.slos, options.onAlert, options.timeScale === undefined ? {} : { timeScale: options.timeScale });
    this.#history = new DashboardHistory(Math.ceil(3_600_000 / this.#every) + 1);
  }

  get #every() {
    return this.options.sampleEveryMs ?? 10_000;
  }

  /** Reads every source once, at `at`. */
  async sample(at = Date.now()): Promise<void> {
    const { slos, sources } = this.options;
    const sloSources: MetricSource[] = sources.services.flatMap((s) => s.registries.map((registry) => ({ registry, labels: { service: s.name } })));
    const histograms = new Map<string, Awaited<ReturnType<typeof readHistogram>>>();
    for (const name of new Set(slos.slos.map((s) => s.indicator.source.histogram))) histograms.set(name, await readHistogram(sloSources, name));
    this.#evaluator.observe(at, new Map(slos.slos.map((s) => [s.name, sliCounts(s, histograms.get(s.indicator.source.histogram) ?? [])])));
    this.#history.record(await this.#reading(at, sloSources, histograms.get(HTTP) ?? (await readHistogram(sloSources, HTTP))));
  }

  start(): void {
    this.#timer ??= setInterval(() => {
      this.#sampling = this.#sampling.then(() => this.sample()).catch(() => undefined);
    }, this.#every).unref();
  }

  async stop(): Promise<void> {
    clearInterval(this.#timer);
    this.#timer = undefined;
    await this.#sampling;
  }

  snapshot(): SreSnapshot {
    return {
      generatedAt: Date.now(),
      slos: this.#evaluator.status().map(({ slo, ...status }) => ({ ...status, name: slo.name, journey: slo.journey, description: slo.description, objective: slo.objective, window: slo.window })),
      alerts: this.#evaluator.firing(),
      series: this.#history.series(),
    };
  }

  async #reading(at: number, sloSources: MetricSource[], http: Awaited<ReturnType<typeof readHistogram>>): Promise<DashboardReading> {
    const services: DashboardReading['services'] = {};
    for (const series of http) {
      const name = series.labels.service ?? 'unknown';
      const into = (services[name] ??= { requests: 0, errors: 0, buckets: [] });
      into.requests += series.count;
      if (/^5/.test(series.labels.status ?? '')) into.errors += series.count;
      for (const [le, count] of series.buckets) {
        const bound = le === '+Inf' ? Number.POSITIVE_INFINITY : Number(le);
        const bucket = into.buckets.find(([b]) => b === bound);
        if (bucket) bucket[1] += count;
        else into.buckets.push([bound, count]);
      }
    }
    for (const s of Object.values(services)) s.buckets.sort((a, b) => a[0] - b[0]);
    const edge = this.options.sources.edge ? [{ registry: this.options.sources.edge, labels: {} }] : [];
    const byOutcome: Record<string, number> = {};
    for (const outcome of ['HIT', 'MISS', 'STALE', 'PASS']) byOutcome[outcome] = (await readTotal(edge, 'edge_cache_responses_total', { cache: outcome })) ?? 0;
    return {
      at,
      services,
      edge: { byOutcome, staleOnError: (await readTotal(edge, 'edge_cache_stale_if_error_total')) ?? 0 },
      mail: {
        queueDepth: (await readTotal(sloSources, 'mail_queue_depth')) ?? 0,
        oldestDueSeconds: (await readTotal(sloSources, 'mail_oldest_due_message_age_seconds')) ?? 0,
      },
    };
  }
}
