import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import type { Writable } from 'node:stream';
import type { Logger } from '@hatago/platform/logging';
import { type InstanceSpec, urlOf } from './cluster-layout.ts';
import { forwardLines } from './instance-log.ts';
import { nodeArgsFor, REPO_ROOT } from './node-command.ts';
import { waitUntilReady } from './readiness.ts';
import { RestartBackoff } from './restart-backoff.ts';

export type ProcessState = 'starting' | 'ready' | 'stopping' | 'crashed' | 'stopped';

export interface ProcessStatus {
  id: string;
  app: string;
  url: string;
  pid: number | null;
  state: ProcessState;
  /** Starts after the first: crash restarts and rolls alike. */
  restarts: number;
  /** Starts that followed a crash rather than a requested stop. */
  crashes: number;
}

export interface SupervisedOptions {
  logger: Logger;
  output: Writable;
  /** Longest wait for readiness after a start. */
  readyTimeoutMs: number;
  /** Longest wait for a drain after SIGTERM before SIGKILL. */
  stopTimeoutMs: number;
}

/**
 * One instance, kept running: a process that exits without being asked to is started
 * again on the same port after a backoff. That is what makes instances disposable: any of
 * them may die at any time, and the supervisor replaces it.
 */
export class SupervisedProcess {
  private child: ChildProcess | undefined;
  private exited: Promise<unknown> = Promise.resolve();
  private state: ProcessState = 'stopped';
  private wanted = false;
  private restarts = 0;
  private crashes = 0;
  private starts = 0;
  private restartTimer: NodeJS.Timeout | undefined;
  private readonly backoff = new RestartBackoff();

  constructor(
    readonly spec: InstanceSpec,
    private readonly options: SupervisedOptions,
  ) {}

  get url(): string {
    return urlOf(this.spec.port);
  }

  status(): ProcessStatus {
    return {
      id: this.spec.id,
      app: this.spec.app,
      url: this.url,
      pid: this.child?.pid ?? null,
      state: this.state,
      restarts: this.restarts,
      crashes: this.crashes,
    };
  }

  /** Starts the process and resolves once it reports ready. */
  async start(): Promise<void> {
    this.wanted = true;
    this.spawnChild();
    await this.waitReady();
  }

  /** Asks the process to drain (SIGTERM) and resolves when it has exited; no restart follows. */
  async stop(): Promise<void> {
    this.wanted = false;
    clearTimeout(this.restartTimer);
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) {
      this.state = 'stopped';
      return;
    }
    this.state = 'stopping';
    child.kill('SIGTERM');
    const killer = setTimeout(() => {
      this.options.logger.warn({ instance: this.spec.id }, 'did not drain in time, killing it');
      child.kill('SIGKILL');
    }, this.options.stopTimeoutMs);
    await this.exited;
    clearTimeout(killer);
  }

  /** Stop, then start again on the same port; resolves when the new process is ready. */
  async replace(): Promise<void> {
    await this.stop();
    await this.start();
  }

  private async waitReady(): Promise<void> {
    const child = this.child!;
    await waitUntilReady(this.spec.readiness ?? { url: `${this.url}/readyz` }, {
      timeoutMs: this.options.readyTimeoutMs,
      isGone: () => child.exitCode !== null || child.signalCode !== null,
    });
    if (this.child === child) this.state = 'ready';
  }

  private spawnChild(): void {
    const { logger, output } = this.options;
    if (this.starts++ > 0) this.restarts++;
    this.state = 'starting';
    const child = spawn(process.execPath, nodeArgsFor(this.spec.entry), {
      cwd: REPO_ROOT,
      env: { ...process.env, ...this.spec.env, PORT: String(this.spec.port) },
      // stdin is the lifeline the exit-with-parent preload watches
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    this.child = child;
    const startedAt = Date.now();
    forwardLines(child.stdout!, output, this.spec.id);
    forwardLines(child.stderr!, output, this.spec.id);
    logger.info({ instance: this.spec.id, pid: child.pid, port: this.spec.port }, `started ${this.spec.id}`);
    this.exited = once(child, 'exit').then(([code, signal]) => {
      if (this.child !== child) return;
      const uptimeMs = Date.now() - startedAt;
      if (!this.wanted) {
        this.state = 'stopped';
        logger.info({ instance: this.spec.id, code, signal }, `stopped ${this.spec.id}`);
        return;
      }
      this.crashes++;
      this.state = 'crashed';
      const delayMs = this.backoff.next(uptimeMs);
      logger.warn({ instance: this.spec.id, code, signal, uptimeMs, restartInMs: delayMs }, `${this.spec.id} died, restarting`);
      this.restartTimer = setTimeout(() => {
        if (!this.wanted) return;
        this.spawnChild();
        this.waitReady().then(
          () => logger.info({ instance: this.spec.id }, `${this.spec.id} is back`),
          (error: Error) => logger.error({ instance: this.spec.id, err: error.message }, `${this.spec.id} did not come back ready`),
        );
      }, delayMs);
    });
  }
}
