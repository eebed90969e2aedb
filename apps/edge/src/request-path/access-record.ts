import type { Socket } from 'node:net';
import { endServerSpan } from '@hatago/platform/tracing';
import { sentTraceId } from '../proxy/forwarding.ts';
import type { Arrival, EdgeContext } from './edge-context.ts';

/**
 * Bytes a connection had sent when its last response closed. Responses on a connection close
 * in order, so a response's bytes are the count now less this: one read of the socket's count
 * per request (a read copies its write buffer) instead of one at arrival and one at close.
 * A pipelined response written before the one ahead of it closed is counted with that one:
 * the connection's lines still add up to what it sent (reading at arrival counted it twice).
 */
const sentAtLastClose = new WeakMap<Socket, number>();

/** Counts the request and writes its access line, once its response has closed. */
export function recordArrival(edge: EdgeContext, arrival: Arrival): void {
  const { req, res, exchange } = arrival;
  const status = res.statusCode;
  const socket = req.socket;
  const sent = socket.bytesWritten;
  const bytes = sent - (sentAtLastClose.get(socket) ?? 0);
  sentAtLastClose.set(socket, sent);
  const cache = exchange ? exchange.cacheStatus : arrival.cache;
  edge.metrics.countRequest(arrival.route, status, cache);
  if (arrival.trace.context) arrival.trace.span.setAttribute('hatago.edge.cache', cache);
  endServerSpan(arrival.trace, status, res.writableFinished);
  if (req.headers['x-forwarded-for'] !== undefined) edge.untrustedForwarding.seen(req.socket.remoteAddress, arrival.rules.clientAddress);
  edge.accessLog?.write({
    reqId: arrival.requestId,
    method: arrival.method,
    path: arrival.view.path,
    route: arrival.route,
    backend: arrival.backend,
    instance: exchange?.instance ?? '-',
    cache,
    status: res.writableFinished ? status : 0,
    bytes,
    durationMs: Math.round((performance.now() - arrival.started) * 10) / 10,
    originMs: exchange?.originMs,
    traceId: arrival.trace.traceId ?? (exchange && sentTraceId(exchange.originRequest.headers)),
    client: arrival.rules.clientAddress.of(req.socket.remoteAddress ?? '-', req.headers['x-forwarded-for']),
  });
}
