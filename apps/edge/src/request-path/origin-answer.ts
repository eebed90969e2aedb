import { PROBLEMS, problemForStatus } from '@hatago/edge-rules';
import { type EdgeExchange, isSafeMethod, OriginUnavailableError, TARGETED_FIELDS } from '@hatago/http-cache';
import { sendEdgeProblem } from '../proxy/edge-answers.ts';
import { sentTraceId } from '../proxy/forwarding.ts';
import type { OriginClient } from '../proxy/origin-client.ts';
import type { CompiledRoute } from '../routing/compiled-rules.ts';
import type { EdgeContext } from './edge-context.ts';

// on a pass route, the methods Cache-Status says the route bypassed; for any other the method alone went past the cache
const BYPASSED = new Set(['GET', 'HEAD', 'OPTIONS']);

/** The last stage: the cache answers routes with a cache policy, the backend's answer is relayed for the rest. */
export function forward(edge: EdgeContext, exchange: EdgeExchange, route: CompiledRoute, origin: OriginClient): void {
  if (route.cache !== 'pass' && edge.cache) {
    // the cache's call site: it answers from the store or through fetchOrigin, and records its status
    edge.cache.handle(exchange, route.cache, origin.fetch).catch((error: unknown) => answerOriginError(edge, exchange, error));
  } else {
    pass(edge, exchange, origin, route);
  }
}

function pass(edge: EdgeContext, exchange: EdgeExchange, origin: OriginClient, route: CompiledRoute): void {
  const method = exchange.req.method ?? 'GET';
  origin
    .relay(exchange.originRequest, {
      head(status, headers, instance, originMs) {
        exchange.originMs = originMs;
        exchange.instance = instance;
        // the edge's own copy: edited in place rather than copied again; surrogate keys and targeted cache controls are for the edge only
        delete headers['surrogate-key'];
        for (const name of TARGETED_FIELDS) delete headers[name];
        headers['x-request-id'] = exchange.requestId;
        headers['x-cache'] = 'PASS';
        headers['cache-status'] = BYPASSED.has(method) ? 'Hatago; fwd=bypass' : 'Hatago; fwd=method';
        if (!isSafeMethod(method) && status < 400) edge.cache?.invalidate?.(exchange, { headers });
        return exchange.res.writeHead(status, headers);
      },
      interrupted(error, instance) {
        edge.logger.warn({ reqId: exchange.requestId, route: route.name, instance, err: error }, 'response interrupted');
      },
    })
    .catch((error: unknown) => answerOriginError(edge, exchange, error));
}

function answerOriginError(edge: EdgeContext, exchange: EdgeExchange, error: unknown): void {
  const { res } = exchange;
  if (res.headersSent) return void res.destroy();
  // the trace the origin was told of, so the page names the one its logs carry
  const ids = { requestId: exchange.requestId, traceId: sentTraceId(exchange.originRequest.headers) };
  if (error instanceof OriginUnavailableError) {
    edge.logger.warn({ reqId: exchange.requestId, route: exchange.route, backend: exchange.backend, err: error }, 'backend unavailable');
    return sendEdgeProblem(res, exchange.path, ids, problemForStatus(error.status));
  }
  edge.logger.error({ reqId: exchange.requestId, route: exchange.route, err: error }, 'edge failed');
  sendEdgeProblem(res, exchange.path, ids, PROBLEMS.badGateway);
}
