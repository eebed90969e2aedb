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
  /** The request's trace (its traceparent's, or the one the edge started for the origin); absent for a hit of a request that came with none. */
  traceId?: string | undefined;
  client: string;
}

/** Where batches of lines go: any writable stream (stdout by default, a collector in tests). */
export interface AccessLogDestination {
  write(chunk: string, callback: (error?: Error | null) => void): boolean;
  /** Streams report a broken destination (the collector's end of the pipe closed: EPIPE) here. */
  on?(event: 'error', listener: (error: Error) => void): unknown;
}

/** Linux's PIPE_BUF: a write to a pipe of at most this many bytes lands whole, never mixed with another process's. */
export const PIPE_ATOMIC_BYTES = 4096;

/**
 * Characters of a path the line keeps; a longer one is cut and its length given as `pathLength`.
 * At 6 bytes a character (a JSON escape) that is 3 KB, so a line stays within PIPE_BUF however
 * long the URL the edge accepted (`limits.maxUrlBytes` may be larger).
 */
export const MAX_LOGGED_PATH_CHARS = 512;

export interface AccessLogOptions {
  /** Lines held before a write; held lines also go out after `flushMs` however few they are. */
  batchLines?: number;
  /** Bytes per write at most (whole lines; a longer line is written alone). Default PIPE_ATOMIC_BYTES. */
  maxWriteBytes?: number;
  flushMs?: number;
  /** Lines held while a write is still under way; past this, lines are dropped and counted. */
  maxPendingLines?: number;
  /** The clock lines are stamped by (ms since the epoch); Date.now by default. */
  clock?: () => number;
}

/**
 * One JSON line per request, in the same shape as the services' pino lines (level, time,
 * service), so one log pipeline reads both. The line is assembled by hand and lines leave
 * in batches: a pino call per request cost more than the rest of the pass path's
 * bookkeeping, and a write per line through sonic-boom still cost 4 µs of CPU a line
 * (bench: 0.1 µs batched), a tenth of what the edge spends passing a request through.
 * By default the batches go to `process.stdout`, written from the event loop itself: to a
 * pipe (a container's log collector) node writes without blocking; to a file it writes at
 * once. An `fs` write stream on fd 1, used before, handed every batch to libuv's thread pool
 * and back, which cost a single-process edge about 4 µs per request in thread wake-ups on
 * this kind of VM. Worker processes share one stdout, so a write holds whole lines and at
 * most PIPE_BUF bytes, and the next starts only when the last is done: the kernel takes such
 * a write whole or not at all, and two workers' lines never cut into each other, even when
 * the collector falls behind. While a write waits, lines are held; beyond `maxPendingLines`
 * they are dropped and counted rather than held without bound (the way Varnish's
 * shared-memory log overwrites what nobody read).
 */
export class AccessLog {
  readonly #destination: AccessLogDestination;
  readonly #batchLines: number;
  readonly #maxWriteBytes: number;
  readonly #maxPendingLines: number;
  #lines: string[] = [];
  /** Lines before this index were written already: a long backlog leaves 4 KB at a time without copying what is left. */
  #head = 0;
  /** Characters held: the byte count for the ASCII lines nearly all are, so a write is due without measuring each line. */
  #heldChars = 0;
  #writing = false;
  #dropped = 0;
  /** The destination failed for good: lines are counted as dropped instead of written. */
  #broken = false;
  #timer: NodeJS.Timeout;
  readonly #clock: () => number;
  #lastMs = Number.NaN;
  #lastTime = '';
  #lastSecond = Number.NaN;
  /** `2026-12-08T01:00:46.`: the time of #lastSecond up to its milliseconds. */
  #secondPrefix = '';

  constructor(destination?: AccessLogDestination, options: AccessLogOptions = {}) {
    this.#destination = destination ?? process.stdout;
    // a collector that went away must not take the edge down with it: without a listener the stream's
    // 'error' (EPIPE) would be an uncaught exception; the edge keeps serving and counts the lines it loses
    this.#destination.on?.('error', () => {
      this.#broken = true;
      this.#dropped += this.#held();
      this.#lines = [];
      this.#head = 0;
      this.#heldChars = 0;
    });
    this.#batchLines = options.batchLines ?? 64;
    this.#maxWriteBytes = options.maxWriteBytes ?? PIPE_ATOMIC_BYTES;
    this.#maxPendingLines = options.maxPendingLines ?? 100_000;
    this.#clock = options.clock ?? Date.now;
    // a quiet edge still shows its requests within a fraction of a second
    this.#timer = setInterval(() => this.flush(), options.flushMs ?? 200).unref();
  }

  /** Lines dropped because the destination did not keep up, or failed. */
  get dropped(): number {
    return this.#dropped;
  }

  write(e: AccessEntry) {
    if (this.#broken || this.#held() >= this.#maxPendingLines) {
      this.#dropped++;
      return;
    }
    // request ids, route and backend names and instance URLs are token characters: only the path and method need quoting
    const path = e.path.length > MAX_LOGGED_PATH_CHARS ? `${JSON.stringify(e.path.slice(0, MAX_LOGGED_PATH_CHARS))},"pathLength":${e.path.length}` : JSON.stringify(e.path);
    const line = `{"level":30,"time":"${this.#time()}","service":"edge","log":"access","reqId":"${e.reqId}","method":${JSON.stringify(e.method)},"path":${path},"route":"${e.route}","backend":"${e.backend}","instance":"${e.instance}","cache":"${e.cache}","status":${e.status},"bytes":${e.bytes},"durationMs":${e.durationMs}${e.originMs === undefined ? '' : `,"originMs":${e.originMs}`}${e.traceId === undefined ? '' : `,"traceId":"${e.traceId}"`},"client":"${e.client}"}\n`;
    this.#lines.push(line);
    this.#heldChars += line.length;
    if (this.#held() >= this.#batchLines || this.#heldChars >= this.#maxWriteBytes) this.flush();
  }

  /** Starts the next write (whole lines, at most `maxWriteBytes`) unless one is under way; each finished write starts the next. */
  flush() {
    if (this.#held() === 0 || this.#writing) return;
    const chunk = this.#take();
    this.#writing = true;
    this.#destination.write(chunk, () => {
      this.#writing = false;
      if (this.#held() >= this.#batchLines || this.#heldChars >= this.#maxWriteBytes) this.flush();
    });
  }

  /** Stops the timer and hands over every held line at once (the process is ending: whole writes no longer matter). */
  close() {
    clearInterval(this.#timer);
    if (this.#held() === 0) return;
    const rest = this.#lines.slice(this.#head).join('');
    this.#lines = [];
    this.#head = 0;
    this.#heldChars = 0;
    this.#destination.write(rest, () => undefined);
  }

  #held(): number {
    return this.#lines.length - this.#head;
  }

  /** Takes the held lines that fit one write (at least one), joined. */
  #take(): string {
    const lines = this.#lines;
    const start = this.#head;
    let end = start;
    let bytes = 0;
    for (; end < lines.length; end++) {
      const size = Buffer.byteLength(lines[end]!);
      if (end > start && bytes + size > this.#maxWriteBytes) break;
      bytes += size;
      this.#heldChars -= lines[end]!.length;
    }
    const chunk = start === 0 && end === lines.length ? lines.join('') : lines.slice(start, end).join('');
    if (end === lines.length) {
      this.#lines = [];
      this.#head = 0;
    } else if (end > 1024 && end * 2 > lines.length) {
      // a writer that never quite catches up would otherwise keep every written line referenced
      this.#lines = lines.slice(end);
      this.#head = 0;
    } else {
      this.#head = end;
    }
    return chunk;
  }

  /**
   * ISO time as toISOString writes it. A busy edge logs a request or two per millisecond, so
   * formatting a whole date each new millisecond cost about a microsecond per line; the date
   * and time up to the second are formatted once a second, and the milliseconds appended.
   */
  #time(): string {
    const now = this.#clock();
    if (now !== this.#lastMs) {
      const ms = ((now % 1000) + 1000) % 1000;
      const second = now - ms;
      if (second !== this.#lastSecond) {
        this.#lastSecond = second;
        this.#secondPrefix = new Date(second).toISOString().slice(0, 20);
      }
      this.#lastMs = now;
      this.#lastTime = `${this.#secondPrefix}${ms < 10 ? '00' : ms < 100 ? '0' : ''}${ms}Z`;
    }
    return this.#lastTime;
  }
}
