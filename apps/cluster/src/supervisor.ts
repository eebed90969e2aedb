import type { Writable } from 'node:stream';
import type { Logger } from '@hatago/platform/logging';
import { edgeBackendsOf, entryOf, type InstanceSpec, SCALED_APPS, type ScaledApp, urlOf } from './cluster-layout.ts';
import { EdgeHealth } from './edge-health.ts';
import { probeTimingOf } from './probe-timing.ts';
import { rollApp } from './rolling-restart.ts';
import { type ProcessStatus, SupervisedProcess } from './supervised-process.ts';

export interface SupervisorOptions {
  /** Instances per app, each with its fixed port. */
  ports: Partial<Record<ScaledApp, number[]>>;
  edgePort: number;
  /** The edge's admin listener, whose health view paces rolls; loopback only, behind a token. */
  edgeAdmin: { port: number; token: string };
  /** Environment every process gets on top of the supervisor's own. */
  env: Record<string, string>;
  logger: Logger;
  output: Writable;
}

export type RollTarget = ScaledApp | 'all';

/**
 * Runs the whole cluster: every instance of every app, then the edge in front of them, and
 * keeps them running. Rolls one app (or every app, each on its own, at the same time) on
 * request.
 */
export class Supervisor {
  private readonly instances: SupervisedProcess[] = [];
  private readonly edge: SupervisedProcess;
  private readonly edgeHealth: EdgeHealth;
  private rolling: Promise<void> | undefined;

  constructor(private readonly options: SupervisorOptions) {
    // generous: on a busy machine a cold start of a TypeScript app takes minutes, not seconds
    const processOptions = { logger: options.logger, output: options.output, readyTimeoutMs: 300_000 };
    for (const app of SCALED_APPS) {
      const { noticeDownMs } = probeTimingOf(app);
      for (const [i, port] of (options.ports[app] ?? []).entries()) {
        const spec: InstanceSpec = {
          id: `${app}-${i + 1}`,
          app,
          entry: entryOf(app),
          port,
          // readiness fails first, and the listener stays open until the edge has noticed;
          // catalogue changes purge the edge's pages through its admin listener
          env: {
            ...options.env,
            SHUTDOWN_DELAY_MS: String(noticeDownMs),
            EDGE_PURGE_URL: urlOf(options.edgeAdmin.port),
            EDGE_PURGE_TOKEN: options.edgeAdmin.token,
          },
        };
        this.instances.push(new SupervisedProcess(spec, { ...processOptions, stopTimeoutMs: noticeDownMs + 30_000 }));
      }
    }
    const specs = this.instances.map((p) => p.spec);
    this.edge = new SupervisedProcess(
      {
        id: 'edge',
        app: 'edge',
        entry: entryOf('edge'),
        port: options.edgePort,
        env: {
          ...options.env,
          EDGE_BACKENDS: JSON.stringify(edgeBackendsOf(specs)),
          EDGE_ADMIN_PORT: String(options.edgeAdmin.port),
          EDGE_ADMIN_HOST: '127.0.0.1',
          EDGE_ADMIN_TOKEN: options.edgeAdmin.token,
        },
        // the edge refuses /readyz from outside (it belongs to the apps); its admin listener says it is up
        readiness: { url: `${urlOf(options.edgeAdmin.port)}/health`, headers: { authorization: `Bearer ${options.edgeAdmin.token}` } },
      },
      { ...processOptions, stopTimeoutMs: 30_000 },
    );
    this.edgeHealth = new EdgeHealth(urlOf(options.edgeAdmin.port), options.edgeAdmin.token);
  }

  get edgeUrl(): string {
    return urlOf(this.options.edgePort);
  }

  async start(): Promise<void> {
    await Promise.all(this.instances.map((p) => p.start()));
    await this.edge.start();
  }

  status(): ProcessStatus[] {
    return [this.edge, ...this.instances].map((p) => p.status());
  }

  get isRolling(): boolean {
    return this.rolling !== undefined;
  }

  /** Rolls the target's instances; one roll at a time. */
  roll(target: RollTarget, progress: (line: string) => void): Promise<void> {
    if (this.rolling) return Promise.reject(new Error('a rolling restart is already running'));
    const apps = target === 'all' ? SCALED_APPS.filter((app) => this.instancesOf(app).length > 0) : [target];
    this.options.logger.info({ apps }, 'rolling restart');
    const rolls = apps.map((app) => rollApp(app, this.instancesOf(app), this.edgeHealth, progress));
    this.rolling = Promise.all(rolls).then(
      () => {
        this.rolling = undefined;
      },
      (error: unknown) => {
        this.rolling = undefined;
        throw error;
      },
    );
    return this.rolling;
  }

  /** The edge first, so no new request arrives, then every instance drains at once. */
  async stop(): Promise<void> {
    await this.edge.stop();
    await Promise.all(this.instances.map((p) => p.stop()));
  }

  private instancesOf(app: ScaledApp): SupervisedProcess[] {
    return this.instances.filter((p) => p.spec.app === app);
  }
}
