import { Counter, Gauge, Histogram, Registry } from 'prom-client';
import { SlottedCounter, type CounterSlot } from '@hatago/platform/metrics';

/**
 * The edge's Prometheus metrics, in a registry of its own (several edges may live in one
 * test process). The cache registers its own metrics on `registry`.
 */
export class EdgeMetrics {
  readonly registry = new Registry();
  readonly #requests = new SlottedCounter({ name: 'edge_requests_total', help: 'Requests answered, by route, status and cache status', labelNames: ['route', 'status', 'cache'], registers: [this.registry] });
  /** route → cache status → status → slot: three lookups of strings and a number V8 already hashed, no key to build */
  readonly #requestSlots = new Map<string, Map<string, Map<number, CounterSlot>>>();
  readonly originSeconds = new Histogram({
    name: 'edge_origin_seconds',
    help: 'Time from sending a request to an origin to its response head',
    labelNames: ['backend'],
    buckets: [0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 15],
    registers: [this.registry],
  });
  readonly #originChildren = new Map<string, { observe(seconds: number): void }>();
  // min across worker processes: an instance is healthy for the edge when every worker sends to it
  readonly instanceHealthy = new Gauge({ name: 'edge_instance_healthy', help: '1 while an instance passes its probes', labelNames: ['backend', 'instance'], aggregator: 'min', registers: [this.registry] });
  readonly retries = new Counter({ name: 'edge_retries_total', help: 'Requests retried on another instance', labelNames: ['backend', 'reason'], registers: [this.registry] });
  readonly flagFeedFailures = new Counter({ name: 'edge_flag_feed_failures_total', help: 'Polls of the flag feed that failed (the last good flag set was kept)', labelNames: ['reason'], registers: [this.registry] });
  // min across worker processes: the stalest worker's flags are what an alert should see
  readonly flagFeedLastSuccess = new Gauge({ name: 'edge_flag_feed_last_success_seconds', help: 'Unix time of the last successful poll of the flag feed', aggregator: 'min', registers: [this.registry] });
  readonly refused = new Counter({ name: 'edge_refused_total', help: 'Requests refused at the front door without reaching an origin', labelNames: ['reason'], registers: [this.registry] });

  observeOrigin(backend: string, seconds: number) {
    let child = this.#originChildren.get(backend);
    if (!child) {
      child = this.originSeconds.labels(backend);
      this.#originChildren.set(backend, child);
    }
    child.observe(seconds);
  }

  constructor() {
    // summed over worker processes, so the aggregated view says how many workers it covers
    new Gauge({ name: 'edge_processes', help: 'Edge processes serving (summed over workers)', registers: [this.registry] }).set(1);
  }

  /** Reports the access log's dropped lines (a stdout that does not keep up) at every scrape. */
  watchAccessLog(log: { dropped: number }) {
    new Gauge({
      name: 'edge_access_log_dropped_lines',
      help: 'Access log lines dropped since start because stdout did not keep up',
      registers: [this.registry],
      collect() {
        this.set(log.dropped);
      },
    });
  }

  /** Counts one answered request. */
  countRequest(route: string, status: number, cache: string) {
    let byCache = this.#requestSlots.get(route);
    if (byCache === undefined) this.#requestSlots.set(route, (byCache = new Map()));
    let byStatus = byCache.get(cache);
    if (byStatus === undefined) byCache.set(cache, (byStatus = new Map()));
    let slot = byStatus.get(status);
    if (slot === undefined) byStatus.set(status, (slot = this.#requests.slot({ route, status: String(status), cache })));
    slot.inc();
  }
}
