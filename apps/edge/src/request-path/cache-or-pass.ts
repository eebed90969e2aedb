import { PROBLEMS } from '@hatago/edge-rules';
import type { EdgeExchange } from '@hatago/http-cache';
import { EDGE_FLAGS_HEADER } from '@hatago/flags/evaluation';
import { decideFlags, visitorCookie, withVisitorCookie } from '../flags/flag-decision.ts';
import { type FlagDecision, type FlagSnapshot, NO_FLAGS } from '../flags/flag-snapshot.ts';
import { forwardedProto, forwardedRequestHeaders } from '../proxy/forwarding.ts';
import { readBody } from '../proxy/read-body.ts';
import type { CompiledRoute } from '../routing/compiled-rules.ts';
import { decideRollout, decideRolloutByFlag } from '../routing/rollout.ts';
import type { Arrival, EdgeContext } from './edge-context.ts';
import { forward } from './origin-answer.ts';
import { answerSynthetic } from './own-answers.ts';
import { refuse } from './refuse.ts';

const BODYLESS = new Set(['GET', 'HEAD', 'OPTIONS', 'DELETE']);

/**
 * The rest of the way once the rate limits said yes: a synthetic answer, a cache hit
 * answered before anything is built for an origin, or the exchange handed to the cache
 * (routes with a cache policy) or straight to the backend.
 */
export function proceed(edge: EdgeContext, arrival: Arrival, route: CompiledRoute): void {
  const { req, res, requestId, view, method, rules, hasBody, declared } = arrival;
  if (route.synthetic) return answerSynthetic(arrival, route.synthetic);
  route.normaliseRequest?.(req.headers);

  if (declared !== undefined && Number(declared) > route.maxBodyBytes) return refuse(edge, arrival, PROBLEMS.tooLarge, 'body-size');

  // the flags decided once, before the hit path: a page is stored and found per flag set
  const feed = edge.runtime.flags;
  const snapshot = feed?.snapshot;
  // before the feed's first answer every flag is off: the same header and key as a feed with none on,
  // so pages stored in the first second after a start are still found once the definitions arrive
  const flags = feed && (snapshot ? decideFlags(snapshot, view) : NO_FLAGS);
  // the client's response only: a stored entry is the origin's answer, which never carries it
  if (flags?.minted) res.appendHeader('set-cookie', visitorCookie(flags.minted, forwardedProto(req, rules.clientAddress) === 'https'));

  if (
    !hasBody &&
    route.cache !== 'pass' &&
    route.rollout === undefined &&
    (method === 'GET' || method === 'HEAD') &&
    edge.cache?.answerFresh?.({ req, res, requestId, backend: route.backend!, path: view.path, query: view.query, flags: flags?.header }, route.cache)
  ) {
    arrival.backend = route.backend!;
    arrival.cache = 'HIT';
    return;
  }

  const backend = backendFor(edge, arrival, route, snapshot, flags);
  arrival.backend = backend;
  const headers = forwardedRequestHeaders(req, requestId, rules.clientAddress, arrival.trace.span.spanContext());
  // with a feed in the rules the apps follow this header: a client never chooses its own flags (nor those of a page stored for others)
  if (feed) delete headers[EDGE_FLAGS_HEADER];
  if (flags) {
    headers[EDGE_FLAGS_HEADER] = flags.header;
    if (flags.minted) headers.cookie = withVisitorCookie(req.headers.cookie, flags.minted);
  }
  route.editRequest?.(headers);

  const exchange: EdgeExchange = {
    req,
    res,
    requestId,
    route: route.name,
    backend,
    path: view.path,
    query: view.query,
    flags: flags?.header,
    originRequest: { method, path: req.url ?? '/', headers, interim: res },
    cacheStatus: 'PASS',
  };
  arrival.exchange = exchange;
  const origin = edge.runtime.origins.get(`${route.name}>${backend}`)!;
  if (!hasBody) {
    if (!BODYLESS.has(method)) headers['content-length'] = '0';
    req.resume();
    return forward(edge, exchange, route, origin);
  }
  readBody(req, route.maxBodyBytes).then((body) => {
    if (body === undefined) return refuse(edge, arrival, PROBLEMS.tooLarge, 'body-size');
    headers['content-length'] = String(body.length);
    exchange.originRequest.body = body;
    forward(edge, exchange, route, origin);
  }, () => res.destroy());
}

/** The route's backend, or its rollout's for visitors the rollout's flag (else its own draw) sends to the canary. */
function backendFor(edge: EdgeContext, arrival: Arrival, route: CompiledRoute, snapshot: FlagSnapshot | undefined, flags: FlagDecision | undefined): string {
  const backend = route.backend!;
  if (!route.rollout) return backend;
  const decision = decideRolloutByFlag(route.rollout, backend, snapshot, flags) ?? decideRollout(route.rollout, backend, arrival.view);
  // a canary with no healthy instance sends its visitors to the stable pages meanwhile rather than
  // to a 503; their cookie stays, so they are back on the canary once it passes its probes
  const chosen = (edge.runtime.pools.get(decision.backend)?.healthyCount ?? 0) > 0 ? decision.backend : backend;
  if (decision.setCookie) arrival.res.appendHeader('set-cookie', decision.setCookie);
  return chosen;
}
