import type { IncomingHttpHeaders, IncomingMessage, OutgoingHttpHeaders, ServerResponse } from 'node:http';
import type { Readable } from 'node:stream';
import type { Registry } from 'prom-client';
import type { CachePolicyRule } from '@hatago/edge-rules';

/** What the edge sends to an origin: path (with query) and headers already prepared for the hop. */
export interface OriginRequest {
  method: string;
  /** Path and query as the origin should see them. */
  path: string;
  headers: OutgoingHttpHeaders;
  /**
   * The request body: buffered by the pipeline (bounded by limits.maxBodyBytes) so an
   * idempotent request can be replayed on another instance; a stream is sent as is and never retried.
   */
  body?: Buffer | Readable;
  /** The client's response, which the origin's interim (1xx) responses are relayed to; they are never stored. */
  interim?: ServerResponse;
}

/** The origin's answer, hop-by-hop headers removed and the rules' response rewrites applied. */
export interface OriginResponse {
  status: number;
  headers: IncomingHttpHeaders;
  body: Readable;
  /** The instance that answered (its URL origin), for logs and metrics. */
  instance: string;
  /** Milliseconds from sending the request to the response head, for the access log. */
  originMs: number;
}

/**
 * Fetches from the route's backend: picks a healthy instance (balancing), retries once on
 * another instance when the request is idempotent and the first failed to connect or was
 * reset before any response byte. Rejects with an `OriginUnavailableError` when no instance
 * could answer.
 */
export type OriginFetch = (request: OriginRequest) => Promise<OriginResponse>;

/**
 * No usable answer from the backend: 503 when no instance could be reached (all down or
 * refusing connections), 504 when the first byte did not come in time, 502 otherwise.
 */
export class OriginUnavailableError extends Error {
  constructor(
    readonly backend: string,
    reason: string,
    readonly status: 502 | 503 | 504 = 503,
  ) {
    super(`backend ${backend}: ${reason}`);
  }
}

/** Cache-Status values the access log and metrics understand. */
export type CacheStatus = 'HIT' | 'MISS' | 'STALE' | 'PASS' | 'SYNTH' | 'REFUSED';

/**
 * One client request on its way through the edge. The pipeline has already answered
 * everything that does not reach an origin (redirects, synthetic responses, refusals).
 * Whoever writes the response head includes `x-request-id: requestId` in the one list or
 * object given to `writeHead`: a field set earlier with `setHeader` makes node merge and
 * re-validate every field one by one (measured at 15% of a cache hit). Only a rollout's
 * Set-Cookie is set that way, on the few requests that get one.
 */
export interface EdgeExchange {
  req: IncomingMessage;
  res: ServerResponse;
  requestId: string;
  /** Name of the matched route. */
  route: string;
  /** The backend chosen for this request, after rollout (part of the cache key: canary pages are not stable pages). */
  backend: string;
  /** Path without query. */
  path: string;
  /** Raw query string without '?', '' when absent. */
  query: string;
  /** The edge's flag decision sent as `hatago-flags`, when it made one: part of the cache key (a page per flag set). */
  flags?: string | undefined;
  /** The request as it would go to the origin (forwarding headers set, hop-by-hop removed, rewrites applied). */
  originRequest: OriginRequest;
  /** Set by whoever answers, for the access log and metrics. */
  cacheStatus: CacheStatus;
  /** Set by whoever fetched from an origin for this request (a collapsed waiter or a hit has none). */
  instance?: string;
  /** Set with `instance`: the origin's time to the response head. */
  originMs?: number;
}

/** A routed request the cache may answer before the pipeline builds anything for the origin. */
export interface FreshRequest {
  req: IncomingMessage;
  res: ServerResponse;
  requestId: string;
  /** The route's backend (routes with a rollout never take the fast path). */
  backend: string;
  /** Path without query. */
  path: string;
  /** Raw query without '?', '' when absent. */
  query: string;
  /** As EdgeExchange.flags: the fast path looks up the entry of this flag set only. */
  flags?: string | undefined;
}

/** The cache's side of the seam (EdgeCache implements it). */
export interface EdgeCacheHandler {
  /**
   * The hit fast path, tried before the exchange is built: answers a routed GET/HEAD from a
   * fresh entry and returns true, or returns false and leaves everything to `handle`.
   */
  answerFresh?(request: FreshRequest, policy: CachePolicyRule): boolean;
  /** Answers `exchange.res` from the store or through `fetchOrigin`; resolves when the response is finished or handed off. */
  handle(exchange: EdgeExchange, policy: CachePolicyRule, fetchOrigin: OriginFetch): Promise<void>;
  /**
   * Told about every successful response (< 400) to an unsafe method on a pass route, so it can
   * invalidate the target URL and its Location / Content-Location (RFC 9111 §4.4).
   */
  invalidate?(exchange: EdgeExchange, response: Pick<OriginResponse, 'headers'>): void;
  /**
   * Called once by createEdgeServer: mounts the purge API on the admin routes and registers the cache's metrics where /metrics collects.
   * `broadcast` reaches the edge's other worker processes (EDGE_WORKERS > 1), e.g. so a purge received by one worker empties every worker's store.
   */
  attach?(admin: AdminMount, registry: Registry, broadcast: EdgeBroadcast): void;
}

/**
 * Messages between the worker processes of one edge, relayed by the primary. `send` reaches
 * every OTHER worker (the sender acts on its own message itself); with one process it does nothing.
 * Payloads must survive structured cloning (plain data).
 */
export interface EdgeBroadcast {
  send(topic: string, payload: unknown): void;
  on(topic: string, handler: (payload: unknown) => void): void;
}

export type AdminHandler = (req: IncomingMessage, res: ServerResponse, url: URL) => void | Promise<void>;

/** Where the cache mounts its purge routes: the edge's admin listener. A path ending in '/*' matches everything below it. */
export interface AdminMount {
  add(method: string, path: string, handler: AdminHandler): void;
}
