import type { IncomingMessage, ServerResponse } from 'node:http';
import type { CacheStatus, EdgeCacheHandler, EdgeExchange } from '@hatago/http-cache';
import type { Logger } from '@hatago/platform/logging';
import type { ServerSpan } from '@hatago/platform/tracing';
import type { AccessLog } from '../admin/access-log.ts';
import type { EdgeMetrics } from '../admin/edge-metrics.ts';
import type { EdgeRuntime } from '../edge-runtime.ts';
import type { RateLimitCounter } from '../protection/rate-limits.ts';
import type { UntrustedForwardingWatch } from '../protection/untrusted-forwarding.ts';
import type { CompiledRules } from '../routing/compiled-rules.ts';
import type { RequestView } from '../routing/request-view.ts';

/**
 * What every stage of the request path reads, built once per server. The stages are plain
 * functions taking it rather than closures over createEdgeServer's locals, so each stage
 * is a module of its own at no cost per request. `runtime` is replaced whole on reload.
 */
export interface EdgeContext {
  runtime: EdgeRuntime;
  readonly metrics: EdgeMetrics;
  readonly logger: Logger;
  readonly accessLog: AccessLog | undefined;
  readonly cache: EdgeCacheHandler | undefined;
  readonly rateLimits: RateLimitCounter;
  readonly untrustedForwarding: UntrustedForwardingWatch;
}

/**
 * One request on its way through the front door: what its answers and its access line
 * need. One object instead of closures over the handler's locals: tsx compiles with
 * esbuild's keepNames, which gives every named function created per request an
 * Object.defineProperty call (about 0.5 µs each, measured).
 */
export interface Arrival {
  req: IncomingMessage;
  res: ServerResponse;
  started: number;
  rules: CompiledRules;
  method: string;
  requestId: string;
  view: RequestView;
  declared: string | undefined;
  hasBody: boolean;
  /** For the access line and metrics: the route and backend once known, and the outcome of an answer given without an exchange. */
  route: string;
  backend: string;
  cache: CacheStatus;
  /** Set once the request goes to the cache or an origin; its cacheStatus then says how it was answered. */
  exchange: EdgeExchange | undefined;
  /** The edge's span of the request: the parent the origin is told of, ended with the access line. */
  trace: ServerSpan;
}
