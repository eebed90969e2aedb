import type { FlagFeedRule } from '@hatago/edge-rules';
import type { BackendPool } from '../balancing/backend-pool.ts';
import { type FlagSnapshot, snapshotOf } from './flag-snapshot.ts';

/** What the feed tells the edge's log and metrics. */
export interface FlagFeedReport {
  /**
   * A poll failed (no healthy instance, an error status, a timeout, a body that is not a flag
   * set); the last good set stays. `first`: the first failure since the last success (worth a log line).
   */
  failed(reason: string, outcome: { kept: boolean; first: boolean }): void;
  /** A poll answered after failures, or for the first time. */
  recovered(flags: number): void;
  /** Every successful poll (200 or 304). */
  polled(): void;
}

/** When the next poll runs; tests pass their own to run polls one by one without waiting. */
export type Schedule = (poll: () => void, ms: number) => () => void;

const timer: Schedule = (poll, ms) => {
  const handle = setTimeout(poll, ms).unref();
  return () => clearTimeout(handle);
};

/** What a feed carries over to its successor on reload: the set it knows and the validator for it. */
export interface FlagFeedState {
  snapshot: FlagSnapshot;
  etag: string | undefined;
}

/**
 * The flag definitions as the edge knows them: GET `rule.path` on one healthy instance of
 * the rule's backend every `intervalMs` (one poll at a time), with If-None-Match so an
 * unchanged set is a 304. A failed poll keeps the last good set: a guest app that is down
 * must not switch every flag off (or back to the rollouts' own draw) at the edge.
 */
export class FlagFeed {
  #state: FlagFeedState | undefined;
  #failing = false;
  #closed = false;
  #cancel: (() => void) | undefined;

  constructor(
    readonly rule: FlagFeedRule,
    private readonly pool: BackendPool,
    private readonly report: FlagFeedReport,
    previous?: FlagFeedState,
    private readonly schedule: Schedule = timer,
  ) {
    this.#state = previous;
  }

  /** The definitions of the last good answer; undefined before the first. */
  get snapshot(): FlagSnapshot | undefined {
    return this.#state?.snapshot;
  }

  get state(): FlagFeedState | undefined {
    return this.#state;
  }

  /** Polls now, then every intervalMs after each poll ends, until closed. */
  start(): void {
    const loop = async () => {
      this.#cancel = undefined;
      if (this.#closed) return;
      await this.poll();
      if (!this.#closed) this.#cancel = this.schedule(() => void loop(), this.rule.intervalMs);
    };
    void loop();
  }

  /** One poll; never rejects (a failure is reported and the last good set kept). */
  async poll(): Promise<void> {
    const instance = this.pool.pick();
    if (!instance) return this.#fail('no healthy instance');
    try {
      const { statusCode, headers, body } = await instance.pool.request({
        method: 'GET',
        path: this.rule.path,
        headers: { 'user-agent': 'hatago-edge-flags', accept: 'application/json', ...(this.#state?.etag ? { 'if-none-match': this.#state.etag } : {}) },
        // a slow answer is abandoned before the next poll is due, so polls never pile up
        signal: AbortSignal.timeout(this.rule.intervalMs),
      });
      if (statusCode === 304 && this.#state) {
        await body.dump();
        return this.#succeed(this.#state);
      }
      if (statusCode !== 200) {
        await body.dump();
        return this.#fail(`status ${statusCode}`);
      }
      const snapshot = snapshotOf(await body.json());
      if (!snapshot) return this.#fail('not a flag set');
      const etag = headers.etag;
      this.#succeed({ snapshot, etag: typeof etag === 'string' && !etag.startsWith('W/') ? etag : undefined }, true);
    } catch (error) {
      // a socket error has a string code (ECONNREFUSED); an abort by the timeout is a DOMException named TimeoutError
      const code = (error as { code?: unknown }).code;
      this.#fail(typeof code === 'string' ? code : (error as Error).name);
    }
  }

  /** Stops polling; the set known stays readable (a reload hands it over). */
  close(): void {
    this.#closed = true;
    this.#cancel?.();
    this.#cancel = undefined;
  }

  #succeed(state: FlagFeedState, changed = false): void {
    if (this.#closed) return;
    const first = changed && this.#state === undefined;
    this.#state = state;
    this.report.polled();
    if (this.#failing || first) this.report.recovered(state.snapshot.flags.length);
    this.#failing = false;
  }

  #fail(reason: string): void {
    if (this.#closed) return;
    this.report.failed(reason, { kept: this.#state !== undefined, first: !this.#failing });
    this.#failing = true;
  }
}
