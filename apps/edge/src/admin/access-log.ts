/** Fields of one access log line. */
export interface AccessEntry {
  reqId: string;
  method: string;
  path: string;
  route: string;
  backend: string;
  instance: string;
  cache: string;
  status: number;
  bytes: number;
  durationMs: number;
  originMs?: number;
  client: string;
}

/** Where batches of lines go: any writable stream (stdout by default, a collector in tests). */
export interface AccessLogDestination {
  write(chunk: string, callback?: (error?: Error | null) => void): boolean;
  once(event: 'drain', listener: () => void): unknown;
}

export interface AccessLogOptions {
  /** Lines per write; a batch also goes out after `flushMs` however small it is. */
  batchLines?: number;
  flushMs?: number;
  /** Lines held while the destination is not taking more; past this, lines are dropped and counted. */
  maxPendingLines?: number;
}

/**
 * One JSON line per request, in the same shape as the services' pino lines (level, time,
 * service), so one log pipeline reads both. The line is assembled by hand and lines leave
 * in batches: a pino call per request cost more than the rest of the pass path's
 * bookkeeping, and a write per line through sonic-boom still cost 4 µs of CPU a line
 * (bench: 0.1 µs batched), a tenth of what the edge spends passing a request through.
 * By default the batches go to `process.stdout`, written from the event loop itself: to a
 * pipe (a container's log collector) node writes without blocking and reports a full pipe
 * through 'drain'; to a file it writes at once. An `fs` write stream on fd 1, used before,
 * handed every batch to libuv's thread pool and back, which cost a single-process edge
 * about 4 µs per request in thread wake-ups on this kind of VM. If the pipe stays full,
 * lines beyond `maxPendingLines` are dropped and counted rather than held without bound
 * (the way Varnish's shared-memory log overwrites what nobody read).
 */
export class AccessLog {
  readonly #destination: AccessLogDestination;
  readonly #batchLines: number;
  readonly #maxPendingLines: number;
  #lines: string[] = [];
  #waiting = false;
  #dropped = 0;
  #timer: NodeJS.Timeout;
  #lastMs = 0;
  #lastTime = '';

  constructor(destination?: AccessLogDestination, options: AccessLogOptions = {}) {
    this.#destination = destination ?? process.stdout;
    this.#batchLines = options.batchLines ?? 64;
    this.#maxPendingLines = options.maxPendingLines ?? 100_000;
    // a quiet edge still shows its requests within a fraction of a second
    this.#timer = setInterval(() => this.flush(), options.flushMs ?? 200).unref();
  }

  /** Lines dropped because the destination did not keep up. */
  get dropped(): number {
    return this.#dropped;
  }

  write(e: AccessEntry) {
    if (this.#lines.length >= this.#maxPendingLines) {
      this.#dropped++;
      return;
    }
    // request ids, route and backend names and instance URLs are token characters: only the path and method need quoting
    this.#lines.push(
      `{"level":30,"time":"${this.#time()}","service":"edge","log":"access","reqId":"${e.reqId}","method":${JSON.stringify(e.method)},"path":${JSON.stringify(e.path)},"route":"${e.route}","backend":"${e.backend}","instance":"${e.instance}","cache":"${e.cache}","status":${e.status},"bytes":${e.bytes},"durationMs":${e.durationMs}${e.originMs === undefined ? '' : `,"originMs":${e.originMs}`},"client":"${e.client}"}\n`,
    );
    if (this.#lines.length >= this.#batchLines && !this.#waiting) this.flush();
  }

  /** Hands every held line to the destination now (unless it asked to wait for 'drain'). */
  flush() {
    if (this.#lines.length === 0 || this.#waiting) return;
    const batch = this.#lines.join('');
    this.#lines = [];
    if (!this.#destination.write(batch)) {
      this.#waiting = true;
      this.#destination.once('drain', () => {
        this.#waiting = false;
        this.flush();
      });
    }
  }

  /** Flushes and stops the timer. */
  close() {
    clearInterval(this.#timer);
    this.#waiting = false;
    this.flush();
  }

  /** ISO time, formatted once per millisecond: under load many lines share one. */
  #time(): string {
    const now = Date.now();
    if (now !== this.#lastMs) {
      this.#lastMs = now;
      this.#lastTime = new Date(now).toISOString();
    }
    return this.#lastTime;
  }
}
