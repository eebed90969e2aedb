import { endServerSpan } from '@hatago/platform/tracing';
import { sentTraceId } from '../proxy/forwarding.ts';
import type { Arrival, EdgeContext } from './edge-context.ts';

/** Counts the request and writes its access line, once its response has closed. */
export function recordArrival(edge: EdgeContext, arrival: Arrival): void {
  const { req, res, exchange } = arrival;
  const status = res.statusCode;
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
    bytes: req.socket.bytesWritten - arrival.bytesBefore,
    durationMs: Math.round((performance.now() - arrival.started) * 10) / 10,
    originMs: exchange?.originMs,
    traceId: arrival.trace.traceId ?? (exchange && sentTraceId(exchange.originRequest.headers)),
    client: arrival.rules.clientAddress.of(req.socket.remoteAddress ?? '-', req.headers['x-forwarded-for']),
  });
}
