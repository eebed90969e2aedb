import type { IncomingHttpHeaders, IncomingMessage, OutgoingHttpHeaders, ServerResponse } from 'node:http';
import { pipeline } from 'node:stream/promises';
import type CachePolicy from 'http-cache-semantics';
import { Registry } from 'prom-client';
import type { Logger } from '@hatago/platform/logging';
import type { CacheKeyRule, CachePolicyRule } from '@hatago/edge-rules';
import { isCompressible, preferredEncoding } from './content-encoding.ts';
import type { AdminMount, EdgeBroadcast, EdgeCacheHandler, EdgeExchange, FreshRequest, OriginFetch, OriginRequest, OriginResponse } from './edge-exchange.ts';
import { mountPurgeRoutes, type PurgeCommand } from './purge-routes.ts';
import { createCacheMetrics, type CacheMetrics } from './cache-metrics.ts';
import { compileCacheKey, type KeyBuilder, normaliseQuery } from './cache-key.ts';
import { CACHE_STATUS, staleForwarded, staleIfError, type XCache } from './cache-status.ts';
import { CacheStore, type Lookup } from './cache-store.ts';
import { buildEntry, type CachedEntry, headersWith, notModifiedFor, representationFor, stampHit } from './cached-entry.ts';
import { type Clock, decideStorage, policyFactory, type PolicyFactory } from './freshness.ts';
import { HIT_FOR_PASS_SECONDS, RequestCollapsing } from './request-collapsing.ts';
import { clientHeaders, flatten, surrogateKeysOf, withVaryOnEncoding } from './response-headers.ts';

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

/** What a leader's origin fetch produced, for the requests that waited on it. */
type Outcome =
  | { kind: 'stored'; entry: CachedEntry }
  | { kind: 'pass' }
  | { kind: 'failed'; error?: unknown };

/** One fetch for a key: what to ask the origin, what may be served if it fails, and whom to answer. */
interface Fetching {
  key: string;
  url: string;
  path: string;
  rule: CachePolicyRule;
  request: OriginRequest;
  requestHeaders: IncomingHttpHeaders;
  fetchOrigin: OriginFetch;
  /** The entry being revalidated, when there is one. */
  stale: CachedEntry | undefined;
  /** Why the request missed, for Cache-Status. */
  miss: 'uri' | 'vary';
  /** Absent for a background refresh. */
  client: EdgeExchange | undefined;
}

const UNSAFE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
// the edge asks for whole, unencoded responses it can store and encode once; the client's own validators are answered by the edge
const NOT_FORWARDED_WHEN_CACHING = ['if-none-match', 'if-modified-since', 'if-match', 'if-unmodified-since', 'if-range', 'range', 'accept-encoding'];
// request directives are the client's preference (RFC 9111 §5.2.1); a shared edge ignores them so a reload storm cannot bypass it
const IGNORED_FOR_POLICY = ['cache-control', 'pragma'];
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
  /** Counts purges and invalidations, so a fetch that began before one cannot store what it removed as fresh. */
  private removals = 0;
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
  }

  /**
   * Answers a GET or HEAD from a fresh entry before the pipeline builds anything an origin
   * request needs (forwarded headers, trace context, the exchange): the cache-hit fast path.
   * False when the request needs more (no fresh entry, Authorization, hit-for-pass): the
   * pipeline then goes on as usual and `handle` decides.
   */
  answerFresh(request: FreshRequest, rule: CachePolicyRule): boolean {
    const { req } = request;
    if (req.headers.authorization !== undefined) return false;
    const { key } = this.keyOf(rule)({ host: req.headers.host ?? '', backend: request.backend, path: request.path, query: request.query, headers: req.headers });
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
    // RFC 9111 §3.5: a shared cache does not answer authenticated requests from what others fetched
    if (req.headers.authorization !== undefined) return this.pass(exchange, fetchOrigin, CACHE_STATUS.authorization);
    const { key, url } = this.keyOf(rule)({
      host: req.headers.host ?? '',
      backend: exchange.backend,
      path: exchange.path,
      query: exchange.query,
      headers: req.headers,
    });
    if (this.collapsing.isPass(key)) return this.pass(exchange, fetchOrigin, CACHE_STATUS.hitForPass);
    const now = this.now();
    const found = this.store.lookup(key, req.headers);
    if (found.found === 'entry') {
      const entry = found.entry;
      if (now < entry.timing.freshUntil) return this.serve(exchange, entry, now, 'HIT', CACHE_STATUS.hit);
      if (now < entry.timing.staleWhileRevalidateUntil) {
        this.refreshInBackground(this.fetching(exchange, rule, fetchOrigin, key, url, found));
        return this.serve(exchange, entry, now, 'STALE', CACHE_STATUS.staleWhileRevalidate);
      }
    }
    return this.fetchCollapsed(this.fetching(exchange, rule, fetchOrigin, key, url, found));
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
    if (UNSAFE_METHODS.has(exchange.req.method ?? '') && response.status < 400) this.invalidate(exchange, response);
    await this.stream(exchange, response, 'PASS', cacheStatus, clientHeaders(response.headers, { dropLength: false }));
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
    const entries =
      command.kind === 'all'
        ? this.store.all()
        : command.kind === 'key'
          ? [...new Set(command.keys.flatMap((key) => this.store.withSurrogateKey(key)))]
          : [...new Set(command.urls.flatMap((url) => this.entriesForUrl(url)))];
    if (command.soft) {
      const now = this.now();
      for (const entry of entries) markStale(entry, now);
    } else if (command.kind === 'all') {
      this.store.clear();
    } else {
      for (const entry of entries) this.store.remove(entry);
    }
    this.removals++;
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

  private fetching(exchange: EdgeExchange, rule: CachePolicyRule, fetchOrigin: OriginFetch, key: string, url: string, found: Lookup): Fetching {
    const headers: OutgoingHttpHeaders = { ...exchange.originRequest.headers };
    for (const name of NOT_FORWARDED_WHEN_CACHING) delete headers[name];
    const requestHeaders: IncomingHttpHeaders = { ...exchange.req.headers };
    for (const name of IGNORED_FOR_POLICY) delete requestHeaders[name];
    return {
      key,
      url,
      path: exchange.path,
      rule,
      // HEAD is answered from a GET, so the stored response has its body for the GETs that follow
      request: { method: 'GET', path: url, headers },
      requestHeaders,
      fetchOrigin,
      stale: found.found === 'entry' ? found.entry : undefined,
      miss: found.found === 'no-variant' ? 'vary' : 'uri',
      client: exchange,
    };
  }

  /** Leads the origin fetch for a key, or waits for the one running and answers from its outcome. */
  private async fetchCollapsed(f: Fetching): Promise<void> {
    const running = this.collapsing.pending(f.key);
    const client = f.client!;
    if (running === undefined) {
      const outcome = await this.collapsing.lead(f.key, () => this.fetchAndStore(f));
      if (outcome.kind === 'failed' && outcome.error !== undefined && !client.res.headersSent) {
        this.markMiss(client, f);
        throw outcome.error;
      }
      return;
    }
    const outcome = await running;
    const now = this.now();
    const after = this.store.lookup(f.key, client.req.headers);
    if (after.found === 'entry' && (after.entry === (outcome.kind === 'stored' ? outcome.entry : undefined) || now < after.entry.timing.freshUntil)) {
      return this.serve(client, after.entry, now, 'HIT', CACHE_STATUS.collapsed);
    }
    if (outcome.kind === 'failed' && f.stale !== undefined && now < f.stale.timing.staleIfErrorUntil) {
      return this.serve(client, f.stale, now, 'STALE', staleIfError(undefined));
    }
    if (outcome.kind === 'failed' && outcome.error !== undefined) {
      // the origin just failed for this very key: share the failure instead of piling onto it
      this.markMiss(client, f);
      throw outcome.error;
    }
    // uncacheable, or another variant: this request fetches for itself, side by side with others
    return this.pass(client, f.fetchOrigin, outcome.kind === 'pass' ? CACHE_STATUS.hitForPass : this.missStatus(f, false));
  }

  private refreshInBackground(f: Fetching): void {
    const entry = f.stale!;
    if (entry.refreshing || this.collapsing.pending(f.key) !== undefined) return;
    entry.refreshing = true;
    this.collapsing
      .lead(f.key, () => this.fetchAndStore({ ...f, client: undefined }))
      .then((outcome) => {
        if (outcome.kind === 'failed') this.logger?.warn({ err: outcome.error, url: f.url }, 'background refresh failed');
      })
      .catch((error: unknown) => this.logger?.warn({ err: error, url: f.url }, 'background refresh failed'))
      .finally(() => {
        entry.refreshing = false;
      });
  }

  /** Asks the origin (conditionally when there is a stale entry), answers the client if any, and stores what may be stored. */
  private async fetchAndStore(f: Fetching): Promise<Outcome> {
    const { client, stale } = f;
    const removalsBefore = this.removals;
    const request = stale === undefined ? f.request : { ...f.request, headers: { ...f.request.headers, ...validatorsOf(stale) } };
    let response: OriginResponse;
    try {
      response = await f.fetchOrigin(request);
    } catch (error) {
      // unanswered, the leader's caller hands the error to the pipeline's error page
      if (client !== undefined) this.serveStaleIfError(client, stale, undefined);
      return { kind: 'failed', error };
    }
    if (client !== undefined) {
      client.instance = response.instance;
      client.originMs = response.originMs;
    }
    if (response.status >= 500 && stale !== undefined && this.now() < stale.timing.staleIfErrorUntil) {
      response.body.resume();
      if (client !== undefined) this.serveStaleIfError(client, stale, response.status);
      return { kind: 'failed' };
    }
    const policyRequest = { url: f.url, method: 'GET', headers: f.requestHeaders as CachePolicy.Headers };
    if (response.status === 304 && stale !== undefined) {
      response.body.resume();
      return this.refreshed(f, stale, policyRequest, response, removalsBefore);
    }
    const now = this.now();
    const policy = this.newPolicy(policyRequest, { status: response.status, headers: response.headers as CachePolicy.Headers });
    const decision = decideStorage(policy, response.headers, f.rule, now);
    const declared = Number(response.headers['content-length']);
    const tooLarge = declared > this.store.limits.maxObjectBytes;
    if (!decision.store || tooLarge) {
      // the old entry describes a response the origin no longer gives (an error is not such a response)
      if (stale !== undefined && response.status < 500) this.store.remove(stale);
      if (response.status < 500) this.collapsing.markPass(f.key);
      if (client === undefined) response.body.resume();
      else await this.stream(client, response, 'MISS', this.missStatus(f, false, response.status), clientHeaders(response.headers, { dropLength: false }));
      return response.status >= 500 ? { kind: 'failed' } : { kind: 'pass' };
    }
    const headers = clientHeaders(response.headers, { dropLength: false });
    if (isCompressible(headers, Number.POSITIVE_INFINITY)) headers.vary = withVaryOnEncoding(headers.vary);
    const { body, finish } = await this.streamAndCollect(client, response, headers, this.missStatus(f, true, response.status));
    if (body === undefined) {
      this.collapsing.markPass(f.key);
      return { kind: 'pass' };
    }
    this.collapsing.clearPass(f.key);
    try {
      return await this.storeResponse(f, response, policy, decision, body, removalsBefore);
    } finally {
      finish();
    }
  }

  private async storeResponse(
    f: Fetching,
    response: OriginResponse,
    policy: CachePolicy,
    decision: Extract<ReturnType<typeof decideStorage>, { store: true }>,
    body: Buffer,
    removalsBefore: number,
  ): Promise<Outcome> {
    const entry = await buildEntry({
      key: f.key,
      url: f.url,
      path: f.path,
      status: response.status,
      policy,
      storedHeaders: clientHeaders(response.headers, { dropLength: true }),
      surrogateKeys: surrogateKeysOf(response.headers),
      vary: decision.vary,
      requestHeaders: f.requestHeaders,
      keyQuery: f.rule.key.query,
      body,
      timing: decision.timing,
    });
    // the origin may have answered from data a purge since then declared stale: keep it, but only as stale
    if (this.removals !== removalsBefore) markStale(entry, this.now());
    this.store.put(entry);
    return { kind: 'stored', entry };
  }

  /** RFC 9111 §4.3.4: a 304 updates the stored headers and freshness; the body stays. */
  private async refreshed(f: Fetching, stale: CachedEntry, request: CachePolicy.Request, response: OriginResponse, removalsBefore: number): Promise<Outcome> {
    const { policy, matches } = stale.policy.revalidatedPolicy(request, { status: 304, headers: response.headers as CachePolicy.Headers });
    if (!matches) {
      // a 304 for a representation the edge does not hold: fetch it whole
      return this.fetchAndStore({ ...f, stale: undefined, miss: 'uri' });
    }
    const merged = policy.toObject().resh as IncomingHttpHeaders;
    const decision = decideStorage(policy, merged, f.rule, this.now());
    if (!decision.store) {
      this.store.remove(stale);
      if (f.client !== undefined) this.serve(f.client, stale, this.now(), 'MISS', staleForwarded(304, false));
      return { kind: 'pass' };
    }
    const entry = await buildEntry({
      key: f.key,
      url: f.url,
      path: f.path,
      status: stale.status,
      policy,
      storedHeaders: clientHeaders(merged, { dropLength: true }),
      surrogateKeys: surrogateKeysOf(merged),
      vary: decision.vary,
      requestHeaders: f.requestHeaders,
      keyQuery: stale.keyQuery,
      body: stale.identity.body,
      timing: decision.timing,
      encoded: stale.encodedByEdge ? { gzip: stale.gzip?.body, br: stale.br?.body } : undefined,
    });
    if (this.removals !== removalsBefore) markStale(entry, this.now());
    this.store.put(entry);
    if (f.client !== undefined) this.serve(f.client, entry, this.now(), 'MISS', staleForwarded(304, true));
    return { kind: 'stored', entry };
  }

  private serveStaleIfError(client: EdgeExchange, stale: CachedEntry | undefined, originStatus: number | undefined): boolean {
    const now = this.now();
    if (stale === undefined || now >= stale.timing.staleIfErrorUntil) return false;
    this.serve(client, stale, now, 'STALE', staleIfError(originStatus));
    return true;
  }

  /** Answers from an entry, recording the outcome on the exchange. */
  private serve(exchange: EdgeExchange, entry: CachedEntry, now: number, xCache: XCache, cacheStatus: string): void {
    exchange.cacheStatus = xCache;
    this.metrics.served[xCache].inc();
    writeEntry(exchange.req, exchange.res, exchange.requestId, entry, now, xCache, cacheStatus);
  }

  /** Streams an origin response the cache does not keep. */
  private async stream(exchange: EdgeExchange, response: OriginResponse, xCache: XCache, cacheStatus: string, headers: IncomingHttpHeaders): Promise<void> {
    exchange.cacheStatus = xCache;
    this.metrics.served[xCache].inc();
    exchange.res.writeHead(response.status, [...flatten(headers), 'x-request-id', exchange.requestId, 'x-cache', xCache, 'cache-status', cacheStatus]);
    try {
      await pipeline(response.body, exchange.res);
    } catch (error) {
      // a backend dying mid-response must close the client's connection, not leave it waiting
      exchange.res.destroy();
      this.logger?.warn({ reqId: exchange.requestId, err: error }, 'response interrupted');
    }
  }

  /**
   * Sends the body to the client as it arrives (never after buffering it whole) while
   * keeping a copy to store. Past the per-object limit the copy is dropped and the rest
   * only streams; undefined means nothing may be stored. The body's very last byte is held
   * back: the caller sends it (`finish`) once the copy is stored, so a client that has the
   * whole response finds it in the cache on its next request.
   */
  private streamAndCollect(
    client: EdgeExchange | undefined,
    response: OriginResponse,
    headers: IncomingHttpHeaders,
    cacheStatus: string,
  ): Promise<{ body: Buffer | undefined; finish: () => void }> {
    const limit = this.store.limits.maxObjectBytes;
    if (client !== undefined) {
      client.cacheStatus = 'MISS';
      this.metrics.served.MISS.inc();
      client.res.writeHead(response.status, [...flatten(headers), 'x-request-id', client.requestId, 'x-cache', 'MISS', 'cache-status', cacheStatus]);
    }
    const res = client?.res;
    return new Promise((resolve) => {
      let chunks: Buffer[] | undefined = [];
      let size = 0;
      let held: Buffer | undefined;
      const body = response.body;
      const finish = () => {
        if (res !== undefined && !res.destroyed) res.end(held);
      };
      body.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (chunks !== undefined) {
          if (size > limit) chunks = undefined;
          else chunks.push(chunk);
        }
        if (res === undefined || res.destroyed || chunk.length === 0) return;
        // a client gone away does not stop the fetch: others are waiting for this entry
        res.cork();
        if (held !== undefined) res.write(held);
        const flowing = res.write(chunk.subarray(0, chunk.length - 1));
        res.uncork();
        held = chunk.subarray(chunk.length - 1);
        if (!flowing) {
          body.pause();
          res.once('drain', () => body.resume());
        }
      });
      body.on('end', () => {
        if (chunks === undefined) {
          finish();
          resolve({ body: undefined, finish: () => undefined });
        } else {
          resolve({ body: Buffer.concat(chunks, size), finish });
        }
      });
      body.on('error', (error) => {
        res?.destroy();
        this.logger?.warn({ reqId: client?.requestId, err: error }, 'origin response interrupted');
        resolve({ body: undefined, finish: () => undefined });
      });
      res?.on('close', () => {
        if (body.isPaused()) body.resume();
      });
    });
  }

  private missStatus(f: Fetching, stored: boolean, originStatus?: number): string {
    if (f.stale !== undefined && originStatus !== undefined) return staleForwarded(originStatus, stored);
    if (f.miss === 'vary') return stored ? CACHE_STATUS.varyMissStored : CACHE_STATUS.varyMiss;
    return stored ? CACHE_STATUS.uriMissStored : CACHE_STATUS.uriMiss;
  }

  /** Before the pipeline answers an origin failure itself, so its error page carries the cache outcome too. */
  private markMiss(client: EdgeExchange, f: Fetching): void {
    client.cacheStatus = 'MISS';
    this.metrics.served.MISS.inc();
    if (client.res.headersSent) return;
    client.res.setHeader('x-cache', 'MISS');
    client.res.setHeader('cache-status', this.missStatus(f, false));
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
    this.removals++;
    for (const path of paths) for (const entry of this.store.withPath(path)) this.store.remove(entry);
  }

  /** Entries stored for a URL, its query normalised with each entry's own key rule. */
  private entriesForUrl(raw: string): CachedEntry[] {
    let parsed: URL;
    try {
      parsed = new URL(raw, 'http://purge.invalid');
    } catch {
      return [];
    }
    const query = parsed.search.slice(1);
    return this.store
      .withPath(parsed.pathname)
      .filter((entry) => (query === '' ? entry.path : normaliseQuery(entry.keyQuery)(entry.path, query)) === entry.url);
  }
}

/**
 * Writes an entry to a client. A plain hit writes the entry's prepared header list with
 * only the request id and Age filled in, and its prepared body: no parsing, no header
 * objects, one writeHead call (see stampHit).
 */
function writeEntry(req: IncomingMessage, res: ServerResponse, requestId: string, entry: CachedEntry, now: number, xCache: XCache, cacheStatus: string): void {
  const age = Math.floor(entry.timing.initialAge + (now - entry.timing.storedAt) / 1000);
  const plainHit = cacheStatus === CACHE_STATUS.hit;
  const ifNoneMatch = req.headers['if-none-match'];
  const ifModifiedSince = req.headers['if-modified-since'];
  if ((ifNoneMatch !== undefined || ifModifiedSince !== undefined) && notModifiedFor(entry, ifNoneMatch, ifModifiedSince)) {
    res.writeHead(304, plainHit ? stampHit(entry.notModifiedHeaders, requestId, age) : headersWith(entry.notModifiedHeaders, requestId, xCache, cacheStatus, age));
    res.end();
    return;
  }
  const representation = entry.encodedByEdge ? representationFor(entry, preferredEncoding(req.headers['accept-encoding'])) : entry.identity;
  res.writeHead(entry.status, plainHit ? stampHit(representation.headers, requestId, age) : headersWith(representation.headers, requestId, xCache, cacheStatus, age));
  // node sends no body for HEAD, so a HEAD is answered from the GET's entry with the same headers
  res.end(representation.body);
}

function validatorsOf(entry: CachedEntry): OutgoingHttpHeaders {
  const validators: OutgoingHttpHeaders = {};
  const etag = entry.storedHeaders.etag;
  const lastModified = entry.storedHeaders['last-modified'];
  if (etag !== undefined) validators['if-none-match'] = etag;
  if (lastModified !== undefined) validators['if-modified-since'] = lastModified;
  return validators;
}

/** A soft purge: the entry stops being fresh now, and its stale windows start now. */
function markStale(entry: CachedEntry, now: number): void {
  const timing = entry.timing;
  if (timing.freshUntil <= now) return;
  entry.timing = {
    ...timing,
    freshUntil: now,
    staleWhileRevalidateUntil: now + timing.staleWhileRevalidateSeconds * 1000,
    staleIfErrorUntil: now + timing.staleIfErrorSeconds * 1000,
  };
}
