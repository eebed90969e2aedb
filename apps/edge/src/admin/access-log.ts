import { pino, type DestinationStream } from 'pino';

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

/**
 * One JSON line per request, in the same shape as the services' pino lines (level, time,
 * service), so one log pipeline reads both. The line is assembled by hand: a pino call
 * per request cost more than the rest of the pass path's bookkeeping together. By default
 * it goes to stdout through pino's asynchronous buffer (sonic-boom), so a slow pipe never
 * blocks the event loop.
 */
export class AccessLog {
  readonly #stream: DestinationStream & { flush?: () => void };

  constructor(destination?: DestinationStream) {
    this.#stream = destination ?? pino.destination({ dest: 1, sync: false, minLength: 4096 });
  }

  write(e: AccessEntry) {
    // request ids, route and backend names and instance URLs are token characters: only the path and method need quoting
    this.#stream.write(
      `{"level":30,"time":"${new Date().toISOString()}","service":"edge","log":"access","reqId":"${e.reqId}","method":${JSON.stringify(e.method)},"path":${JSON.stringify(e.path)},"route":"${e.route}","backend":"${e.backend}","instance":"${e.instance}","cache":"${e.cache}","status":${e.status},"bytes":${e.bytes},"durationMs":${e.durationMs}${e.originMs === undefined ? '' : `,"originMs":${e.originMs}`},"client":"${e.client}"}\n`,
    );
  }

  flush() {
    this.#stream.flush?.();
  }
}
