import { randomUUID } from 'node:crypto';
import type { IncomingHttpHeaders, IncomingMessage, OutgoingHttpHeaders } from 'node:http';
import { isSpanContextValid, propagation, ROOT_CONTEXT, type SpanContext, trace as traceApi } from '@opentelemetry/api';
import type { ClientAddress } from '../routing/client-address.ts';

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

/** The trace id of the traceparent a request was sent on with. */
export function sentTraceId(headers: OutgoingHttpHeaders): string | undefined {
  const value = headers.traceparent;
  return typeof value === 'string' ? TRACEPARENT.exec(value)?.[2] : undefined;
}

/**
 * The edge is where a trace starts when the client did not send one: the apps' spans then
 * hang under the request id's trace. A malformed traceparent (and its tracestate) is replaced.
 * When this process traces, the edge's own span (`edgeSpan`, a child of a valid incoming
 * traceparent) is the parent the origin sees.
 */
export function applyTraceContext(headers: OutgoingHttpHeaders, incoming: string | undefined, edgeSpan: SpanContext) {
  if (isSpanContextValid(edgeSpan)) {
    if (!(incoming !== undefined && isValidTraceparent(incoming))) delete headers.tracestate;
    propagation.inject(traceApi.setSpanContext(ROOT_CONTEXT, edgeSpan), headers);
    return;
  }
  if (incoming !== undefined && isValidTraceparent(incoming)) return;
  delete headers.tracestate;
  const trace = randomUUID().replaceAll('-', '');
  const parent = randomUUID().replaceAll('-', '').slice(0, 16);
  headers.traceparent = `00-${trace}-${parent}-01`;
}

/** What this hop received: a client's own claim of https is not evidence, a trusted balancer's is. */
export function forwardedProto(req: IncomingMessage, clientAddress: ClientAddress): 'http' | 'https' {
  const proto = req.headers['x-forwarded-proto'];
  return (proto === 'https' || proto === 'http') && clientAddress.trusts(req.socket.remoteAddress ?? '') ? proto : 'http';
}

/**
 * The headers a request goes to its origin with: hop-by-hop ones removed, the request id,
 * X-Forwarded-* and trace context set. The route's own request rewrites come after.
 */
export function forwardedRequestHeaders(req: IncomingMessage, requestId: string, clientAddress: ClientAddress, edgeSpan: SpanContext): OutgoingHttpHeaders {
  const headers: OutgoingHttpHeaders = forwardableHeaders(req.headers);
  headers['x-request-id'] = requestId;
  const priorFor = req.headers['x-forwarded-for'];
  const client = req.socket.remoteAddress ?? '';
  headers['x-forwarded-for'] = priorFor ? `${priorFor}, ${client}` : client;
  headers['x-forwarded-proto'] = forwardedProto(req, clientAddress);
  // HTTP/1.0 may come without Host; an undefined header value would fail the origin request
  if (req.headers.host !== undefined) headers['x-forwarded-host'] = req.headers.host;
  // the edge reads the whole body before forwarding, so the client's wait for 100-continue ends here
  delete headers.expect;
  applyTraceContext(headers, req.headers.traceparent as string | undefined, edgeSpan);
  return headers;
}
