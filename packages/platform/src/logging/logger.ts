import type { IncomingMessage } from 'node:http';
import { pino, stdSerializers, type DestinationStream, type Logger } from 'pino';
import { logContext } from './log-context.ts';
import { maskPersonalData, PERSONAL_DATA_PATHS } from './personal-data.ts';

export type { DestinationStream, Logger };
export { maskPersonalData } from './personal-data.ts';
export { runWithRequestIds, type RequestIds } from './log-context.ts';

// guests look their reservation up with `?email=`: addresses must not end up in log storage
const PERSONAL_QUERY_PARAMS = /([?&](?:email|phone)=)[^&#]*/gi;

export const redactUrl = (url: string | undefined) => url?.replace(PERSONAL_QUERY_PARAMS, '$1[redacted]');

const CHILD_BINDINGS = pino.symbols.chindingsSym;

/**
 * JSON lines on stdout; `service` names the emitting app in a shared stream. Every line
 * carries the request id (when logged during a request) and the active trace and span ids;
 * guests' addresses, phone numbers and names never reach it: structured fields by path,
 * free text (messages, errors) by pattern.
 */
export function createLogger(service: string, level: string, destination?: DestinationStream): Logger {
  return pino(
    {
      level,
      base: { service },
      timestamp: pino.stdTimeFunctions.isoTime,
      mixin(_object, _level, logger) {
        const ids = logContext();
        // a request's own logger has the id among its bindings already: once per line is enough
        if (ids.reqId !== undefined && (logger as unknown as Record<symbol, string>)[CHILD_BINDINGS]?.includes('"reqId"')) delete ids.reqId;
        return ids;
      },
      redact: { paths: ['req.headers.cookie', 'req.headers.authorization', '*.password', ...PERSONAL_DATA_PATHS], censor: '[redacted]' },
      hooks: {
        logMethod(args, method) {
          for (let i = 0; i < args.length; i++) if (typeof args[i] === 'string') args[i] = maskPersonalData(args[i] as string);
          method.apply(this, args as Parameters<typeof method>);
        },
      },
      formatters: {
        log(object) {
          for (const key in object) if (typeof object[key] === 'string') object[key] = maskPersonalData(object[key] as string);
          return object;
        },
      },
      serializers: {
        req: (req: IncomingMessage & { ip?: string }) => ({
          method: req.method,
          url: redactUrl(req.url),
          host: req.headers?.host,
          remoteAddress: req.ip ?? req.socket?.remoteAddress,
        }),
        err: (error: Error) => {
          const serialized = stdSerializers.err(error);
          if (typeof serialized?.message === 'string') serialized.message = maskPersonalData(serialized.message);
          if (typeof serialized?.stack === 'string') serialized.stack = maskPersonalData(serialized.stack);
          return serialized;
        },
      },
    },
    destination,
  );
}
