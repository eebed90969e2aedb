import type { IncomingMessage, ServerResponse } from 'node:http';
import { PROBLEMS } from '@hatago/edge-rules';
import { acceptOrCreateRequestId } from '@hatago/platform/http';
import { nameServerSpan, startServerSpan } from '@hatago/platform/tracing';
import { routeFor } from '../routing/compiled-rules.ts';
import { RequestView } from '../routing/request-view.ts';
import { recordArrival } from './access-record.ts';
import type { Arrival, EdgeContext } from './edge-context.ts';
import { refusedAtFrontDoor } from './front-door-checks.ts';
import { answeredByRedirect } from './own-answers.ts';
import { checkRateLimits } from './rate-limit-check.ts';
import { refuse } from './refuse.ts';

/**
 * One request through the edge, stage by stage: the front door refuses what must not reach
 * an origin, redirects answer, the first matching route is taken, its rate limits are
 * counted, and the request goes on to a synthetic answer, the cache or the backend
 * (cache-or-pass.ts), whose answer origin-answer.ts writes.
 */
export function handleRequest(edge: EdgeContext, req: IncomingMessage, res: ServerResponse): void {
  const url = req.url ?? '/';
  const arrival = arrive(edge, req, res, url);
  if (refusedAtFrontDoor(edge, arrival, url)) return;
  if (answeredByRedirect(arrival)) return;
  const route = routeFor(arrival.rules, arrival.view);
  if (!route) return refuse(edge, arrival, PROBLEMS.notFound, 'no-route');
  arrival.route = route.name;
  nameServerSpan(arrival.trace, `edge ${route.name}`, { 'hatago.edge.route': route.name });
  checkRateLimits(edge, arrival, route);
}

/** A request as the stages see it, under the rules current when it arrived; counted and logged once its response closes. */
export function arrive(edge: EdgeContext, req: IncomingMessage, res: ServerResponse, url: string): Arrival {
  const started = performance.now();
  const method = req.method ?? 'GET';
  const declared = req.headers['content-length'];
  const arrival: Arrival = {
    req,
    res,
    started,
    rules: edge.runtime.rules,
    method,
    // not set on res here: each answer carries it in its one writeHead call (see EdgeExchange)
    requestId: acceptOrCreateRequestId(req.headers['x-request-id']),
    view: RequestView.of(method, url, req.headers),
    declared,
    hasBody: declared !== undefined ? declared !== '0' : req.headers['transfer-encoding'] !== undefined,
    route: '-',
    backend: '-',
    cache: 'REFUSED',
    exchange: undefined,
    trace: startServerSpan('edge', method, url, req.headers),
  };
  // 'close' is emitted once per response: `on` spares the once-wrapper and its removal on every request
  res.on('close', () => recordArrival(edge, arrival));
  return arrival;
}
