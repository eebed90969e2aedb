import { EventEmitter } from 'node:events';
import { Client, Pool } from 'undici';
import type { BackendRule } from '@hatago/edge-rules';

/** One app instance: its connection pool, its probe history and how many requests it is serving. */
export class Instance {
  readonly pool: Pool;
  /** Requests sent and not yet finished, for least-connections and the health view. */
  active = 0;
  healthy = true;
  /** Ring of the last `window` probe results, true = passed; starts full of passes so a new edge serves at once. */
  readonly #samples: boolean[];
  #next = 0;
  lastProbeError?: string;

  constructor(
    readonly origin: string,
    readonly backend: string,
    rule: BackendRule,
  ) {
    this.pool = new Pool(origin, {
      connections: 512,
      connectTimeout: rule.connectTimeoutMs,
      headersTimeout: rule.firstByteTimeoutMs,
      bodyTimeout: rule.idleTimeoutMs,
      // below the apps' keep-alive timeout, so the edge drops an idle connection before the app does
      keepAliveTimeout: 4000,
      keepAliveTimeoutThreshold: 1000,
    });
    this.#samples = new Array<boolean>(rule.probe.window).fill(true);
  }

  /** Records a probe result; returns true when the instance's health changed. */
  record(passed: boolean, threshold: number): boolean {
    this.#samples[this.#next] = passed;
    this.#next = (this.#next + 1) % this.#samples.length;
    let passes = 0;
    for (const sample of this.#samples) if (sample) passes++;
    const healthy = passes >= threshold;
    if (healthy === this.healthy) return false;
    this.healthy = healthy;
    return true;
  }

  /** Takes a health state decided elsewhere (another worker's probes); own probes carry on from there. */
  adopt(healthy: boolean): boolean {
    if (healthy === this.healthy) return false;
    this.#samples.fill(healthy);
    this.healthy = healthy;
    return true;
  }

  get probes() {
    return [...this.#samples.slice(this.#next), ...this.#samples.slice(0, this.#next)];
  }
}

export interface HealthChange {
  backend: string;
  instance: string;
  healthy: boolean;
  reason?: string;
}

/**
 * A backend's instances, probed on `probe.path` and balanced over the healthy ones only.
 * Emits 'health' (HealthChange) when an instance leaves or rejoins.
 */
export class BackendPool extends EventEmitter<{ health: [HealthChange]; probed: [Instance] }> {
  readonly instances: Instance[];
  #healthy: Instance[];
  #cursor = 0;
  readonly #timers = new Map<Instance, NodeJS.Timeout>();
  #probeClients: Client[] = [];
  #closed = false;

  constructor(
    readonly name: string,
    readonly rule: BackendRule,
    origins: string[],
  ) {
    super();
    this.instances = origins.map((origin) => new Instance(origin, name, rule));
    this.#healthy = [...this.instances];
  }

  /** A healthy instance other than `exclude` (when there is one), chosen by the backend's strategy. */
  pick(exclude?: Instance): Instance | undefined {
    const candidates = this.#healthy;
    const count = candidates.length;
    if (count === 0) return undefined;
    if (count === 1) return candidates[0] === exclude ? undefined : candidates[0];
    const start = this.#cursor++ % count;
    if (this.rule.balance === 'round-robin') {
      const chosen = candidates[start]!;
      return chosen === exclude ? candidates[(start + 1) % count] : chosen;
    }
    // least connections; starting at a moving offset spreads ties instead of piling onto the first
    let best: Instance | undefined;
    for (let i = 0; i < count; i++) {
      const candidate = candidates[(start + i) % count]!;
      if (candidate !== exclude && (!best || candidate.active < best.active)) best = candidate;
    }
    return best;
  }

  /** Applies a health change another worker's probe saw; true when it changed this pool. */
  adopt(change: HealthChange): boolean {
    const instance = this.instances.find((candidate) => candidate.origin === change.instance);
    if (!instance?.adopt(change.healthy)) return false;
    this.#healthy = this.instances.filter((candidate) => candidate.healthy);
    return true;
  }

  get healthyCount() {
    return this.#healthy.length;
  }

  startProbes() {
    for (const instance of this.instances) {
      const client = new Client(instance.origin, { connectTimeout: this.rule.probe.timeoutMs, keepAliveTimeout: 4000 });
      this.#probeClients.push(client);
      const loop = async () => {
        if (this.#closed) return;
        await this.#probe(instance, client);
        if (this.#closed) return;
        this.#timers.set(instance, setTimeout(loop, this.rule.probe.intervalMs).unref());
      };
      void loop();
    }
  }

  async #probe(instance: Instance, client: Client) {
    let passed = false;
    let reason: string | undefined;
    try {
      const { statusCode, body } = await client.request({
        method: 'GET',
        path: this.rule.probe.path,
        headers: { 'user-agent': 'hatago-edge-probe' },
        signal: AbortSignal.timeout(this.rule.probe.timeoutMs),
      });
      await body.dump();
      passed = statusCode >= 200 && statusCode < 300;
      if (!passed) reason = `status ${statusCode}`;
    } catch (error) {
      reason = (error as { code?: string }).code ?? (error as Error).name;
    }
    if (this.#closed) return;
    instance.lastProbeError = reason;
    if (instance.record(passed, this.rule.probe.threshold)) {
      this.#healthy = this.instances.filter((candidate) => candidate.healthy);
      this.emit('health', { backend: this.name, instance: instance.origin, healthy: instance.healthy, ...(reason ? { reason } : {}) });
    }
    this.emit('probed', instance);
  }

  /** Stops probing; connections close once their requests finish. */
  async close() {
    this.#closed = true;
    for (const timer of this.#timers.values()) clearTimeout(timer);
    await Promise.all([...this.#probeClients.map((client) => client.destroy()), ...this.instances.map((instance) => instance.pool.close())]);
  }
}
