import { Registry } from 'prom-client';
import type { CacheKeyRule, CachePolicyRule } from '@hatago/edge-rules';
import type { Logger } from '@hatago/platform/logging';
import { CacheFill } from './cache-fill.ts';
import { compileCacheKey, type KeyBuilder, normaliseQuery } from './cache-key.ts';
import { createCacheMetrics, type CacheMetrics } from './cache-metrics.ts';
import type { CacheState, Outcome } from './cache-state.ts';
import { CACHE_STATUS } from './cache-status.ts';
import { CacheStore } from './cache-store.ts';
import { markStale } from './cached-entry.ts';
import type { AdminMount, EdgeBroadcast, EdgeCacheHandler, EdgeExchange, FreshRequest, OriginFetch, OriginResponse } from './edge-exchange.ts';
import { type Clock, policyFactory, type PolicyFactory } from './freshness.ts';
import { mountPurgeRoutes, type PurgeCommand } from './purge-routes.ts';
import { isSafeMethod } from './safe-methods.ts';
import { type Removal, RemovalWatch, removesEverything, removesPaths, removesSurrogateKeys } from './removal-watch.ts';
import { HIT_FOR_PASS_SECONDS, RequestCollapsing } from './request-collapsing.ts';
import { clientHeaders } from './response-headers.ts';
import { streamResponse } from './response-streaming.ts';
import { serveEntry, writeEntry } from './serve-entry.ts';

export interface EdgeCacheOptions {
  /** Byte budget for stored responses (all encodings and headers); least recently used entries leave first. Default 256 MiB. */
  maxBytes?: number;
  /** Larger responses are streamed to the client and not stored. Default 8 MiB. */
  maxObjectBytes?: number;
  /** How long a key whose response was uncacheable goes straight to the origin. Default HIT_FOR_PASS_SECONDS. */
  hitForPassSeconds?: number;
  /** The clock every freshness decision reads; tests move it instead of waiting. */
  now?: Clock;
  /** Where the cache's metrics are registered (the admin listener's registry). */
  registry?: Registry;
  logger?: Logger;
}

// what the workers of a multi-process edge tell each other
const PURGE_TOPIC = 'cache-purge';
const INVALIDATE_TOPIC = 'cache-invalidate';

/**
 * The edge's HTTP cache (RFC 9111, RFC 5861 stale extensions): answers hits from prepared
 * headers and buffers, collapses concurrent misses into one origin request, revalidates
 * with validators, serves stale while refreshing or while the origin fails, and purges by
 * surrogate key, URL or everything.
 */
export class EdgeCache implements EdgeCacheHandler {
  readonly store: CacheStore;
  readonly registry: Registry;
  private readonly now: Clock;
  private readonly newPolicy: PolicyFactory;
  private readonly collapsing: RequestCollapsing<Outcome>;
  private readonly keyBuilders = new WeakMap<CacheKeyRule, KeyBuilder>();
  private readonly metrics: CacheMetrics;
  private readonly logger: Logger | undefined;
  /** Shared with the miss path; the fields above point to the same objects so the hit path reads them directly. */
  private readonly state: CacheState;
  private readonly fill: CacheFill;
  /** The edge's other worker processes, once attached (see attach). */
  private peers: EdgeBroadcast | undefined;

  constructor(options: EdgeCacheOptions = {}) {
    this.now = options.now ?? Date.now;
    this.newPolicy = policyFactory(this.now);
    this.store = new CacheStore({
      maxBytes: options.maxBytes ?? 256 * 1024 * 1024,
      maxObjectBytes: options.maxObjectBytes ?? 8 * 1024 * 1024,
    });
    this.collapsing = new RequestCollapsing(this.now, (options.hitForPassSeconds ?? HIT_FOR_PASS_SECONDS) * 1000);
    this.registry = options.registry ?? new Registry();
    this.metrics = createCacheMetrics(this.registry, this.store);
    this.logger = options.logger;
    const { store, collapsing, metrics, now, newPolicy, logger } = this;
    this.state = { store, collapsing, metrics, now, newPolicy, logger, removals: new RemovalWatch() };
    this.fill = new CacheFill(this.state, (exchange, fetchOrigin, cacheStatus) => this.pass(exchange, fetchOrigin, cacheStatus));
  }

  /**
   * Answers a GET or HEAD from a fresh entry before the pipeline builds anything an origin
   * request needs (forwarded headers, trace context, the exchange): the cache-hit fast path.
   * False when the request needs more (no fresh entry, a range, hit-for-pass): the
   * pipeline then goes on as usual and `handle` decides.
   */
  answerFresh(request: FreshRequest, rule: CachePolicyRule): boolean {
    const { req } = request;
    if (req.headers.range !== undefined) return false;
    const { key } = this.keyOf(rule)({ host: req.headers.host ?? '', backend: request.backend, path: request.path, query: request.query, headers: req.headers, flags: request.flags });
    if (this.collapsing.isPass(key)) return false;
    const found = this.store.lookup(key, req.headers);
    if (found.found !== 'entry') return false;
    const now = this.now();
    if (now >= found.entry.timing.freshUntil) return false;
    this.metrics.served.HIT.inc();
    writeEntry(req, request.res, request.requestId, found.entry, now, 'HIT', CACHE_STATUS.hit);
    return true;
  }

  async handle(exchange: EdgeExchange, rule: CachePolicyRule, fetchOrigin: OriginFetch): Promise<void> {
    const { req } = exchange;
    if (req.method !== 'GET' && req.method !== 'HEAD') return this.pass(exchange, fetchOrigin, CACHE_STATUS.method);
    // the edge stores whole responses; a part is the origin's to cut (the stored entry still serves whole requests)
    if (req.headers.range !== undefined) return this.pass(exchange, fetchOrigin, CACHE_STATUS.range);
    const { key, url } = this.keyOf(rule)({
      host: req.headers.host ?? '',
      backend: exchange.backend,
      path: exchange.path,
      query: exchange.query,
      headers: req.headers,
      flags: exchange.flags,
    });
    if (this.collapsing.isPass(key)) return this.pass(exchange, fetchOrigin, CACHE_STATUS.hitForPass);
    const now = this.now();
    const found = this.store.lookup(key, req.headers);
    if (found.found === 'entry') {
      const entry = found.entry;
      if (now < entry.timing.freshUntil) return serveEntry(this.metrics, exchange, entry, now, 'HIT', CACHE_STATUS.hit);
      if (now < entry.timing.staleWhileRevalidateUntil) {
        this.fill.refreshInBackground(this.fill.fetching(exchange, rule, fetchOrigin, key, url, found));
        return serveEntry(this.metrics, exchange, entry, now, 'STALE', CACHE_STATUS.staleWhileRevalidate);
      }
    }
    return this.fill.fetchCollapsed(this.fill.fetching(exchange, rule, fetchOrigin, key, url, found));
  }

  /**
   * Sends a request the cache must not answer straight to the origin, marked PASS. A
   * successful unsafe request (RFC 9111 §4.4) invalidates its target and the same-origin
   * Location / Content-Location it names. The pipeline uses this for `cache: 'pass'` routes too.
   */
  async pass(exchange: EdgeExchange, fetchOrigin: OriginFetch, cacheStatus: string = CACHE_STATUS.bypass): Promise<void> {
    exchange.cacheStatus = 'PASS';
    let response: OriginResponse;
    try {
      response = await fetchOrigin(exchange.originRequest);
    } catch (error) {
      // the pipeline's error page carries the cache outcome too
      exchange.res.setHeader('x-cache', 'PASS');
      exchange.res.setHeader('cache-status', cacheStatus);
      this.metrics.served.PASS.inc();
      throw error;
    }
    exchange.instance = response.instance;
    exchange.originMs = response.originMs;
    if (!isSafeMethod(exchange.req.method ?? 'GET') && response.status < 400) this.invalidate(exchange, response);
    await streamResponse(this.state, exchange, response, 'PASS', cacheStatus, clientHeaders(response.headers, { dropLength: false }));
  }

  /**
   * With several worker processes, each holds its own store: a purge received by one worker
   * and an unsafe method's invalidation seen by one are relayed to every other, or the other
   * workers would keep serving what was just removed. The purge answer counts this worker's entries.
   */
  attach(admin: AdminMount, registry: Registry, broadcast?: EdgeBroadcast): void {
    if (broadcast) {
      this.peers = broadcast;
      broadcast.on(PURGE_TOPIC, (command) => this.purge(command as PurgeCommand));
      broadcast.on(INVALIDATE_TOPIC, (paths) => this.invalidatePaths(paths as string[]));
    }
    mountPurgeRoutes(admin, {
      purge: (command) => {
        this.peers?.send(PURGE_TOPIC, command);
        return this.purge(command);
      },
    });
    if (registry !== this.registry) for (const metric of this.metrics.all) registry.registerMetric(metric);
  }

  /** Resolves once no origin fetch is running, background refreshes included. */
  settled(): Promise<void> {
    return this.collapsing.settled();
  }

  /** Removes (or, soft, marks stale) the entries a purge names; returns how many. */
  purge(command: PurgeCommand): number {
    const urls = command.kind === 'url' ? command.urls.map(urlRemoval).filter((removal) => removal !== undefined) : [];
    const entries =
      command.kind === 'all'
        ? this.store.all()
        : command.kind === 'key'
          ? [...new Set(command.keys.flatMap((key) => this.store.withSurrogateKey(key)))]
          : [...new Set(urls.flatMap(({ path, covers }) => this.store.withPath(path).filter(covers)))];
    if (command.soft) {
      const now = this.now();
      for (const entry of entries) markStale(entry, now);
    } else if (command.kind === 'all') {
      this.store.clear();
    } else {
      for (const entry of entries) this.store.remove(entry);
    }
    if (command.kind === 'all') this.state.removals.record(removesEverything);
    else if (command.kind === 'key') this.state.removals.record(removesSurrogateKeys(command.keys));
    else for (const { covers } of urls) this.state.removals.record(covers);
    this.metrics.purged(command.kind, command.soft, entries.length);
    return entries.length;
  }

  private keyOf(rule: CachePolicyRule): KeyBuilder {
    let builder = this.keyBuilders.get(rule.key);
    if (builder === undefined) {
      builder = compileCacheKey(rule.key);
      this.keyBuilders.set(rule.key, builder);
    }
    return builder;
  }

  /** After a successful unsafe request: drops the target path and its same-origin Location / Content-Location (RFC 9111 §4.4). */
  invalidate(exchange: EdgeExchange, response: Pick<OriginResponse, 'headers'>): void {
    const headers = response.headers;
    const host = exchange.req.headers.host ?? '';
    const paths = new Set([exchange.path]);
    for (const name of ['location', 'content-location'] as const) {
      const value = headers[name];
      if (typeof value !== 'string') continue;
      try {
        const target = new URL(value, `http://${host}`);
        // only the same origin: a response must not invalidate what another site serves (RFC 9111 §4.4)
        if (target.host === host) paths.add(target.pathname);
      } catch {
        // an unparseable Location names nothing to invalidate
      }
    }
    this.peers?.send(INVALIDATE_TOPIC, [...paths]);
    this.invalidatePaths(paths);
  }

  private invalidatePaths(paths: Iterable<string>): void {
    const removed = new Set(paths);
    this.state.removals.record(removesPaths(removed));
    for (const path of removed) for (const entry of this.store.withPath(path)) this.store.remove(entry);
  }
}

/** A purged URL as the entries it covers: its path, its query normalised with each entry's own key rule. */
function urlRemoval(raw: string): { path: string; covers: Removal } | undefined {
  let parsed: URL;
  try {
    parsed = new URL(raw, 'http://purge.invalid');
  } catch {
    return undefined;
  }
  const path = parsed.pathname;
  const query = parsed.search.slice(1);
  return { path, covers: (entry) => entry.path === path && (query === '' ? entry.path : normaliseQuery(entry.keyQuery)(entry.path, query)) === entry.url };
}
