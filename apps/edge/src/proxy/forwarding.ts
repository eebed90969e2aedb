import { randomUUID } from 'node:crypto';
import type { IncomingHttpHeaders, OutgoingHttpHeaders } from 'node:http';

// RFC 9110 §7.6.1: connection-specific headers never cross a proxy
const HOP_BY_HOP = new Set(['connection', 'keep-alive', 'proxy-connection', 'proxy-authenticate', 'proxy-authorization', 'te', 'trailer', 'transfer-encoding', 'upgrade']);

/** A copy without hop-by-hop headers, including those the Connection header names. */
export function forwardableHeaders(headers: IncomingHttpHeaders): IncomingHttpHeaders {
  const connection = headers.connection;
  const named = connection && connection !== 'keep-alive' && connection !== 'close' ? connection.toLowerCase().split(',').map((h) => h.trim()) : undefined;
  const out: IncomingHttpHeaders = {};
  for (const name in headers) {
    if (HOP_BY_HOP.has(name) || named?.includes(name)) continue;
    out[name] = headers[name];
  }
  return out;
}

// W3C Trace Context §3.2: version 00 layout; all-zero ids and version ff are invalid
const TRACEPARENT = /^([0-9a-f]{2})-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})$/;

export function isValidTraceparent(value: string): boolean {
  const parts = TRACEPARENT.exec(value);
  return !!parts && parts[1] !== 'ff' && parts[2] !== '00000000000000000000000000000000' && parts[3] !== '0000000000000000';
}

/**
 * The edge is where a trace starts when the client did not send one: the apps' spans then
 * hang under the request id's trace. A malformed traceparent (and its tracestate) is replaced.
 */
export function applyTraceContext(headers: OutgoingHttpHeaders, incoming: string | undefined) {
  if (incoming !== undefined && isValidTraceparent(incoming)) return;
  delete headers.tracestate;
  const trace = randomUUID().replaceAll('-', '');
  const parent = randomUUID().replaceAll('-', '').slice(0, 16);
  headers.traceparent = `00-${trace}-${parent}-01`;
}
