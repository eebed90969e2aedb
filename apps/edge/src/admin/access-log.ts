import { pino, type DestinationStream, type Logger } from 'pino';

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
 * One JSON line per request. By default written to stdout through an asynchronous buffer
 * (sonic-boom), so logging never blocks the event loop on a slow pipe.
 */
export function createAccessLog(destination?: DestinationStream): Logger {
  const stream = destination ?? pino.destination({ dest: 1, sync: false, minLength: 4096 });
  return pino({ base: { service: 'edge', log: 'access' }, timestamp: pino.stdTimeFunctions.isoTime }, stream);
}
