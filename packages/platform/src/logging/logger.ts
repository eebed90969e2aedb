import { pino, type Logger } from 'pino';

export type { Logger };

/** JSON lines on stdout; `service` names the emitting app in a shared stream. */
export function createLogger(service: string, level: string): Logger {
  return pino({
    level,
    base: { service },
    timestamp: pino.stdTimeFunctions.isoTime,
    redact: { paths: ['req.headers.cookie', 'req.headers.authorization', '*.password'], censor: '[redacted]' },
  });
}
