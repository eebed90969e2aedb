import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

/** What the edge accepts from a client; anything else is replaced. */
export const REQUEST_ID_PATTERN = /^[A-Za-z0-9._-]{1,64}$/;
export const REQUEST_ID_HEADER = 'x-request-id';

export function acceptOrCreateRequestId(value: string | string[] | undefined): string {
  return typeof value === 'string' && REQUEST_ID_PATTERN.test(value) ? value : randomUUID();
}

export function requestIdOf(req: IncomingMessage): string {
  return acceptOrCreateRequestId(req.headers[REQUEST_ID_HEADER]);
}
