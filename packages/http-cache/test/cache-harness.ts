import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type CachePolicyRule, defineEdgeRules, type MatchRule } from '@hatago/edge-rules';
import type { EdgeCache } from '../src/edge-cache.ts';
import { OriginUnavailableError, type EdgeExchange, type OriginFetch } from '../src/edge-exchange.ts';

/**
 * Test peers for the cache: a real origin process that counts what it is asked, and a
 * minimal front (request id, exchange, error page) around an EdgeCache, both on port 0.
 * Only tests and the hit-path bench import this.
 */

export type OriginHandler = (req: IncomingMessage, res: ServerResponse, count: number) => void;

export interface TestOrigin {
  url: URL;
  /** Requests received per path (query excluded). */
  count(path: string): number;
  /** Request headers of every request received for a path, in order. */
  received(path: string): http.IncomingHttpHeaders[];
  route(path: string, handler: OriginHandler): void;
  /** Stops listening and drops open connections: the origin is down. */
  stop(): Promise<void>;
}

export async function startOrigin(): Promise<TestOrigin> {
  const handlers = new Map<string, OriginHandler>();
  const seen = new Map<string, http.IncomingHttpHeaders[]>();
  const server = http.createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0]!;
    const list = seen.get(path) ?? [];
    list.push(req.headers);
    seen.set(path, list);
    const handler = handlers.get(path);
    if (handler === undefined) {
      res.writeHead(404, { 'content-type': 'text/plain' });
      return res.end('no such test route');
    }
    handler(req, res, list.length);
  });
  const url = await listen(server);
  return {
    url,
    count: (path) => seen.get(path)?.length ?? 0,
    received: (path) => seen.get(path) ?? [],
    route: (path, handler) => void handlers.set(path, handler),
    stop: () => closeServer(server),
  };
}

/** An OriginFetch over plain node http to one instance, failing the way the pipeline's does. */
export function fetchFrom(origin: URL): OriginFetch {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 512 });
  return (request) =>
    new Promise((resolve, reject) => {
      const sent = performance.now();
      const outgoing = http.request(
        { host: origin.hostname, port: origin.port, method: request.method, path: request.path, headers: request.headers, agent },
        (res) => resolve({ status: res.statusCode ?? 502, headers: res.headers, body: res, instance: origin.origin, originMs: performance.now() - sent }),
      );
      outgoing.on('error', (error) => reject(new OriginUnavailableError('origin', error.message, 503)));
      const body = request.body;
      if (body === undefined || Buffer.isBuffer(body)) outgoing.end(body);
      else body.pipe(outgoing);
    });
}

export interface CachedFront {
  url: string;
  /** Resolves once this many requests have reached the cache (each has then looked up its key). */
  received(count: number): Promise<void>;
  close(): Promise<void>;
}

let requests = 0;

/**
 * A front like the pipeline's seam: it tries the hit fast path, else builds the exchange,
 * calls the cache for a cached route (or `pass`), and answers an origin failure with a 503 page naming the request id.
 */
export async function startFront(cache: EdgeCache, rule: CachePolicyRule | 'pass', fetchOrigin: OriginFetch): Promise<CachedFront> {
  let seen = 0;
  const watchers: Array<{ count: number; resolve: () => void }> = [];
  const server = http.createServer((req, res) => {
    const requestId = `req-${++requests}`;
    const url = req.url ?? '/';
    const q = url.indexOf('?');
    const path = q < 0 ? url : url.slice(0, q);
    const query = q < 0 ? '' : url.slice(q + 1);
    const noted = () => {
      seen++;
      for (const watcher of watchers.filter((w) => w.count <= seen)) {
        watchers.splice(watchers.indexOf(watcher), 1);
        watcher.resolve();
      }
    };
    // the pipeline's order: the hit fast path first, then the exchange
    if (rule !== 'pass' && (req.method === 'GET' || req.method === 'HEAD') && cache.answerFresh({ req, res, requestId, backend: 'origin', path, query }, rule)) {
      return noted();
    }
    const exchange: EdgeExchange = {
      req,
      res,
      requestId,
      route: 'test',
      backend: 'origin',
      path,
      query,
      originRequest: { method: req.method ?? 'GET', path: url, headers: { ...req.headers, 'x-request-id': requestId } },
      cacheStatus: 'PASS',
    };
    const answered = rule === 'pass' ? cache.pass(exchange, fetchOrigin) : cache.handle(exchange, rule, fetchOrigin);
    noted();
    answered.catch((error: unknown) => {
      if (res.headersSent) return res.destroy();
      // the pipeline's status for an origin that gave no usable answer
      res.writeHead(error instanceof OriginUnavailableError ? error.status : 503, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store', 'x-request-id': requestId });
      res.end(`<!doctype html><h1>We'll be right back</h1><p>Request ID: <code>${requestId}</code></p>`);
    });
  });
  const base = await listen(server);
  return {
    url: base.origin,
    received: (count) => (count <= seen ? Promise.resolve() : new Promise((resolve) => watchers.push({ count, resolve }))),
    close: () => closeServer(server),
  };
}

export function listen(server: http.Server): Promise<URL> {
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(new URL(`http://127.0.0.1:${(server.address() as AddressInfo).port}`))));
}

export function closeServer(server: http.Server): Promise<void> {
  server.closeAllConnections();
  return new Promise((resolve) => server.close(() => resolve()));
}

/** A clock tests move by hand. */
export function manualClock(start = Date.parse('2026-01-01T00:00:00Z')) {
  let now = start;
  return {
    now: () => now,
    advance(seconds: number) {
      now += seconds * 1000;
    },
  };
}

/** Rules with one backend `site` and one cached route: what the spike and purge tests put in front of their origin. */
export function oneCachedRouteRules(route: { name: string; match: MatchRule; cache: CachePolicyRule }) {
  return defineEdgeRules({
    backends: {
      site: {
        probe: { path: '/readyz', intervalMs: 60_000, timeoutMs: 1000, window: 1, threshold: 1 },
        connectTimeoutMs: 1000,
        firstByteTimeoutMs: 5000,
        idleTimeoutMs: 5000,
        balance: 'round-robin',
      },
    },
    redirects: [],
    routes: [{ ...route, backend: 'site' }],
    headers: { request: [], response: [] },
    rateLimits: [],
    limits: { maxHeaderBytes: 16_384, maxUrlBytes: 8192, maxBodyBytes: 1_048_576 },
  });
}
