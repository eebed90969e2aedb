import type { IncomingHttpHeaders, OutgoingHttpHeaders } from 'node:http';
import type CachePolicy from 'http-cache-semantics';
import type { CachePolicyRule } from '@hatago/edge-rules';
import type { CacheState, Outcome } from './cache-state.ts';
import { CACHE_STATUS, staleForwarded, staleIfError } from './cache-status.ts';
import type { Lookup } from './cache-store.ts';
import { buildEntry, type CachedEntry, markStale, validatorsOf } from './cached-entry.ts';
import { mayEncode } from './content-encoding.ts';
import { type SeenRemovals, spoiled } from './removal-watch.ts';
import { type EdgeExchange, type OriginFetch, type OriginRequest, type OriginResponse, OriginUnavailableError } from './edge-exchange.ts';
import { decideStorage } from './freshness.ts';
import { normaliseOriginHeaders } from './origin-headers.ts';
import { clientHeaders, surrogateKeysOf, withVaryOnEncoding } from './response-headers.ts';
import { streamAndCollect, streamResponse } from './response-streaming.ts';
import { edgeView } from './targeted-cache-control.ts';
import { serveEntry } from './serve-entry.ts';

// the edge asks for whole, unencoded responses it can store and encode once; the client's own validators are answered by the edge
const NOT_FORWARDED_WHEN_CACHING = ['if-none-match', 'if-modified-since', 'if-match', 'if-unmodified-since', 'if-range', 'range', 'accept-encoding'];
// request directives are the client's preference (RFC 9111 §5.2.1); a shared edge ignores them so a reload storm cannot bypass it
const IGNORED_FOR_POLICY = ['cache-control', 'pragma'];

/** One fetch for a key: what to ask the origin, what may be served if it fails, and whom to answer. */
interface Fetching {
  key: string;
  url: string;
  path: string;
  /** The route's backend, named by the error a 304 nobody asked for becomes. */
  backend: string;
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

/** How the cache passes a request it will not answer from the store (EdgeCache.pass). */
export type Pass = (exchange: EdgeExchange, fetchOrigin: OriginFetch, cacheStatus: string) => Promise<void>;

/**
 * The cache's miss path: one origin fetch per key however many ask at once (the others wait
 * for it), background refreshes of stale entries, revalidation with validators, stale-if-error,
 * and storing what may be stored while the client is already being answered.
 */
export class CacheFill {
  constructor(
    private readonly state: CacheState,
    private readonly pass: Pass,
  ) {}

  /** The fetch a request's miss needs: the whole GET for the key URL, without the client's own validators and preferences. */
  fetching(exchange: EdgeExchange, rule: CachePolicyRule, fetchOrigin: OriginFetch, key: string, url: string, found: Lookup): Fetching {
    const headers: OutgoingHttpHeaders = { ...exchange.originRequest.headers };
    for (const name of NOT_FORWARDED_WHEN_CACHING) delete headers[name];
    const requestHeaders: IncomingHttpHeaders = { ...exchange.req.headers };
    for (const name of IGNORED_FOR_POLICY) delete requestHeaders[name];
    return {
      key,
      url,
      path: exchange.path,
      backend: exchange.backend,
      rule,
      // HEAD is answered from a GET, so the stored response has its body for the GETs that follow
      request: { method: 'GET', path: rule.key.forwardQuery === 'key' ? url : exchange.originRequest.path, headers, interim: exchange.res },
      requestHeaders,
      fetchOrigin,
      stale: found.found === 'entry' ? found.entry : undefined,
      miss: found.found === 'no-variant' ? 'vary' : 'uri',
      client: exchange,
    };
  }

  /** Leads the origin fetch for a key, or waits for the one running and answers from its outcome. */
  async fetchCollapsed(f: Fetching): Promise<void> {
    const running = this.state.collapsing.pending(f.key);
    const client = f.client!;
    if (running === undefined) {
      const outcome = await this.state.collapsing.lead(f.key, () => this.fetchAndStore(f));
      if (outcome.kind === 'failed' && outcome.error !== undefined && !client.res.headersSent) {
        this.markMiss(client, f);
        throw outcome.error;
      }
      return;
    }
    const outcome = await running;
    const now = this.state.now();
    const after = this.state.store.lookup(f.key, client.req.headers);
    if (after.found === 'entry' && (after.entry === (outcome.kind === 'stored' ? outcome.entry : undefined) || now < after.entry.timing.freshUntil)) {
      return serveEntry(this.state.metrics, client, after.entry, now, 'HIT', CACHE_STATUS.collapsed);
    }
    if (outcome.kind === 'failed' && f.stale !== undefined && now < f.stale.timing.staleIfErrorUntil) {
      this.state.metrics.staleOnError.inc();
      return serveEntry(this.state.metrics, client, f.stale, now, 'STALE', staleIfError(undefined));
    }
    if (outcome.kind === 'failed' && outcome.error !== undefined) {
      // the origin just failed for this very key: share the failure instead of piling onto it
      this.markMiss(client, f);
      throw outcome.error;
    }
    // uncacheable, or another variant: this request fetches for itself, side by side with others
    return this.pass(client, f.fetchOrigin, outcome.kind === 'pass' ? CACHE_STATUS.hitForPass : this.missStatus(f, false));
  }

  /** Refetches a stale entry once, while it is served; a refresh already running for the key is enough. */
  refreshInBackground(f: Fetching): void {
    const entry = f.stale!;
    if (entry.refreshing || this.state.collapsing.pending(f.key) !== undefined) return;
    entry.refreshing = true;
    this.state.collapsing
      .lead(f.key, () => this.fetchAndStore({ ...f, client: undefined }))
      .then((outcome) => {
        if (outcome.kind === 'failed') this.state.logger?.warn({ err: outcome.error, url: f.url }, 'background refresh failed');
      })
      .catch((error: unknown) => this.state.logger?.warn({ err: error, url: f.url }, 'background refresh failed'))
      .finally(() => {
        entry.refreshing = false;
      });
  }

  /** Asks the origin (conditionally when there is a stale entry), answers the client if any, and stores what may be stored. */
  private async fetchAndStore(f: Fetching): Promise<Outcome> {
    const seen = this.state.removals.begin();
    try {
      return await this.fetchAndStoreSeeing(f, seen, true);
    } finally {
      this.state.removals.end(seen);
    }
  }

  /** `revalidate`: send the stale entry's validators (false for the one unconditional retry after a 304 that matched nothing). */
  private async fetchAndStoreSeeing(f: Fetching, seen: SeenRemovals, revalidate: boolean): Promise<Outcome> {
    const { client, stale } = f;
    const validators = stale !== undefined && revalidate ? validatorsOf(stale) : {};
    const conditional = Object.keys(validators).length > 0;
    const request = conditional ? { ...f.request, headers: { ...f.request.headers, ...validators } } : f.request;
    let response: OriginResponse;
    try {
      response = await f.fetchOrigin(request);
    } catch (error) {
      // unanswered, the leader's caller hands the error to the pipeline's error page
      if (client !== undefined) this.serveStaleIfError(client, stale, undefined);
      return { kind: 'failed', error };
    }
    response.headers = normaliseOriginHeaders(response.headers);
    // the route's choice: its shared pages' cookie is dropped, for the miss's client too, so a miss and its hits agree
    if (f.rule.stripSetCookie === true && response.headers['set-cookie'] !== undefined) {
      const { 'set-cookie': _dropped, ...rest } = response.headers;
      response.headers = rest;
    }
    if (client !== undefined) {
      client.instance = response.instance;
      client.originMs = response.originMs;
    }
    if (response.status >= 500 && stale !== undefined && this.state.now() < stale.timing.staleIfErrorUntil) {
      response.body.resume();
      if (client !== undefined) this.serveStaleIfError(client, stale, response.status);
      return { kind: 'failed' };
    }
    const policyRequest = { url: f.url, method: 'GET', headers: f.requestHeaders as CachePolicy.Headers };
    if (response.status === 304) {
      response.body.resume();
      if (conditional) return this.refreshed(f, stale!, policyRequest, response, seen);
      // RFC 9111 §4.3.4: a 304 to a request without the edge's validators updates nothing and has no body to give
      // the client (whose own validators the edge did not forward): an origin fault, never stored nor re-asked
      if (client !== undefined) this.serveStaleIfError(client, stale, 304);
      return { kind: 'failed', error: new OriginUnavailableError(f.backend, 'answered 304 Not Modified to a request without validators', 502) };
    }
    const policy = this.state.newPolicy(policyRequest, { status: response.status, headers: response.headers as CachePolicy.Headers });
    const decision = this.decide(policyRequest, response.status, policy, response.headers, f.rule);
    const declared = Number(response.headers['content-length']);
    const tooLarge = declared > this.state.store.limits.maxObjectBytes;
    const headers = clientHeaders(response.headers, { dropLength: false });
    // RFC 9111 §5.1: the age an upstream cache reported travels on, plus the time spent here (as a hit's Age does)
    if (response.headers.age !== undefined) headers.age = String(Math.floor(policy.age()));
    if (!decision.store || tooLarge) {
      // the old entry describes a response the origin no longer gives (an error is not such a response)
      if (stale !== undefined && response.status < 500) this.state.store.remove(stale);
      // RFC 9111 §3.5 keeps most answers to Authorization requests out of the store: that says nothing of the next visitor's
      if (response.status < 500 && f.requestHeaders.authorization === undefined) this.state.collapsing.markPass(f.key);
      if (client === undefined) response.body.resume();
      else await streamResponse(this.state, client, response, 'MISS', this.missStatus(f, false, response.status), headers);
      return response.status >= 500 ? { kind: 'failed' } : { kind: 'pass' };
    }
    const varyOnEncoding = mayEncode(headers);
    if (varyOnEncoding) headers.vary = withVaryOnEncoding(headers.vary);
    const { body, finish } = await streamAndCollect(this.state, client, response, headers, this.missStatus(f, true, response.status));
    if (body === undefined) {
      this.state.collapsing.markPass(f.key);
      return { kind: 'pass' };
    }
    this.state.collapsing.clearPass(f.key);
    try {
      return await this.storeResponse(f, response, policy, decision, body, varyOnEncoding, seen);
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
    varyOnEncoding: boolean,
    seen: SeenRemovals,
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
      varyOnEncoding,
    });
    // the origin may have answered from data a purge of this entry since then declared stale: keep it, but only as stale
    if (spoiled(seen, entry)) markStale(entry, this.state.now());
    this.state.store.put(entry);
    return { kind: 'stored', entry };
  }

  /** RFC 9111 §4.3.4: a 304 updates the stored headers and freshness; the body stays. */
  private async refreshed(f: Fetching, stale: CachedEntry, request: CachePolicy.Request, response: OriginResponse, seen: SeenRemovals): Promise<Outcome> {
    const { policy, matches } = stale.policy.revalidatedPolicy(request, { status: 304, headers: response.headers as CachePolicy.Headers });
    if (!matches) {
      // RFC 9111 §4.3.4: a 304 naming a representation the edge does not hold updates nothing: ask once more,
      // unconditionally (a different request); should that answer 304 too, it is the origin's fault above
      return this.fetchAndStoreSeeing(f, seen, false);
    }
    const merged = policy.toObject().resh as IncomingHttpHeaders;
    const decision = this.decide(request, stale.status, policy, merged, f.rule);
    if (!decision.store) {
      this.state.store.remove(stale);
      if (f.client !== undefined) serveEntry(this.state.metrics, f.client, stale, this.state.now(), 'MISS', staleForwarded(304, false));
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
      varyOnEncoding: stale.varyOnEncoding,
      encoded: stale.encodedByEdge ? { gzip: stale.gzip?.body, br: stale.br?.body } : undefined,
    });
    if (spoiled(seen, entry)) markStale(entry, this.state.now());
    this.state.store.put(entry);
    if (f.client !== undefined) serveEntry(this.state.metrics, f.client, entry, this.state.now(), 'MISS', staleForwarded(304, true));
    return { kind: 'stored', entry };
  }

  /**
   * Whether and how long the edge keeps a response: from its targeted field when it has one (RFC 9213), read
   * through a policy of its own, while the stored policy keeps the origin's headers as sent (a 304 merges into them).
   */
  private decide(request: CachePolicy.Request, status: number, policy: CachePolicy, headers: IncomingHttpHeaders, rule: CachePolicyRule) {
    const view = edgeView(headers);
    const edgePolicy = view === headers ? policy : this.state.newPolicy(request, { status, headers: view as CachePolicy.Headers });
    return decideStorage(edgePolicy, view, rule, this.state.now());
  }

  private serveStaleIfError(client: EdgeExchange, stale: CachedEntry | undefined, originStatus: number | undefined): boolean {
    const now = this.state.now();
    if (stale === undefined || now >= stale.timing.staleIfErrorUntil) return false;
    this.state.metrics.staleOnError.inc();
    serveEntry(this.state.metrics, client, stale, now, 'STALE', staleIfError(originStatus));
    return true;
  }

  private missStatus(f: Fetching, stored: boolean, originStatus?: number): string {
    if (f.stale !== undefined && originStatus !== undefined) return staleForwarded(originStatus, stored);
    if (f.miss === 'vary') return stored ? CACHE_STATUS.varyMissStored : CACHE_STATUS.varyMiss;
    return stored ? CACHE_STATUS.uriMissStored : CACHE_STATUS.uriMiss;
  }

  /** Before the pipeline answers an origin failure itself, so its error page carries the cache outcome too. */
  private markMiss(client: EdgeExchange, f: Fetching): void {
    client.cacheStatus = 'MISS';
    this.state.metrics.served.MISS.inc();
    if (client.res.headersSent) return;
    client.res.setHeader('x-cache', 'MISS');
    client.res.setHeader('cache-status', this.missStatus(f, false));
  }
}
