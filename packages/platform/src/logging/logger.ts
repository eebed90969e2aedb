import type { IncomingMessage } from 'node:http';
import { pino, type DestinationStream, type Logger } from 'pino';

export type { Logger };

// guests look their reservation up with `?email=`: addresses must not end up in log storage
const PERSONAL_QUERY_PARAMS = /([?&](?:email|phone)=)[^&#]*/gi;

export const redactUrl = (url: string | undefined) => url?.replace(PERSONAL_QUERY_PARAMS, '$1[redacted]');

/** JSON lines on stdout; `service` names the emitting app in a shared stream. */
export function createLogger(service: string, level: string, destination?: DestinationStream): Logger {
  return pino(
    {
      level,
      base: { service },
      timestamp: pino.stdTimeFunctions.isoTime,
      redact: { paths: ['req.headers.cookie', 'req.headers.authorization', '*.password'], censor: '[redacted]' },
      serializers: {
        req: (req: IncomingMessage & { ip?: string }) => ({
          method: req.method,
          url: redactUrl(req.url),
          host: req.headers?.host,
          remoteAddress: req.ip ?? req.socket?.remoteAddress,
        }),
      },
    },
    destination,
  );
}
