import http, { type IncomingMessage, type OutgoingHttpHeaders, type ServerResponse } from 'node:http';
import { type BackendRule, type EdgeRules, EdgeRulesError, formatRulePath, PROBLEMS, problemForStatus, type EdgeProblem, validateEdgeRules } from '@hatago/edge-rules';
import { OriginUnavailableError, type CacheStatus, type EdgeBroadcast, type EdgeCacheHandler, type EdgeExchange } from '@hatago/http-cache';
import { acceptOrCreateRequestId, sendJson } from '@hatago/platform/http';
import type { Logger } from '@hatago/platform/logging';
import { AccessLog, type AccessLogDestination } from './admin/access-log.ts';
import { AdminRoutes, createAdminServer } from './admin/admin-server.ts';
import { EdgeMetrics } from './admin/edge-metrics.ts';
import { BackendPool, type HealthChange } from './balancing/backend-pool.ts';
import { answerOnSocket, ALLOW_HEADER, methodRefusal, parseErrorStatus, transferEncodingRefusal } from './protection/front-door.ts';
import { LocalRateLimits, type RateLimitCounter, type RateLimitRefusal, type RateLimitSpec } from './protection/rate-limits.ts';
import { sendEdgeProblem } from './proxy/edge-answers.ts';
import { applyTraceContext, forwardableHeaders } from './proxy/forwarding.ts';
import { originClientFor, type OriginClient, type OriginObserver } from './proxy/origin-client.ts';
import { compileRules, redirectFor, routeFor, type CompiledRoute, type CompiledRules } from './routing/compiled-rules.ts';
import { RequestView } from './routing/request-view.ts';
import { decideRollout } from './routing/rollout.ts';

/** Instance base URLs per backend name, e.g. from EDGE_BACKENDS. */
export type EdgeInstances = Record<string, ReadonlyArray<string | URL>>;

export interface EdgeServerOptions {
  rules: EdgeRules;
  instances: EdgeInstances;
  logger: Logger;
  /** Where access log lines go; default: stdout, in batches written asynchronously. false: no access log. */
  accessLog?: AccessLogDestination | false;
  /** The cache for routes with a cache policy; without one every route passes. */
  cache?: EdgeCacheHandler;
  /** Bearer token of the admin listener (`adminServer`); without one there is no admin listener. */
  adminToken?: string;
  /** Start health probes at once (default true). */
  probes?: boolean;
  /** Reaches the other worker processes in multi-process mode (health changes, purges); default: none. */
  broadcast?: EdgeBroadcast;
  /** Where per-client rate limits are counted; default: in this process (multi-process mode counts in the primary). */
  rateLimits?: RateLimitCounter;
  /** The /metrics text; default: this process's registry (multi-process mode aggregates every worker's). */
  metricsText?: () => Promise<string>;
}

export interface EdgeServer {
  /** The public listener (not listening yet). */
  server: http.Server;
  /** The admin listener (not listening yet), when an admin token was given. */
  adminServer?: http.Server;
  /** Routes of the admin listener; the cache mounts its purge routes here. */
  admin: AdminRoutes;
  metrics: EdgeMetrics;
  pools: ReadonlyMap<string, BackendPool>;
  /** Swaps in new rules (validated first; throws EdgeRulesError and keeps the current ones when invalid). */
  reload(rules: EdgeRules): void;
  /** Stops probes and closes both listeners and the origin connection pools. */
  close(): Promise<void>;
}

const BODYLESS = new Set(['GET', 'HEAD', 'OPTIONS', 'DELETE']);
const SAFE = new Set(['GET', 'HEAD', 'OPTIONS']);

/** The request-path state swapped as one object on reload, so a request never sees half of two rule sets. */
interface Runtime {
  rules: CompiledRules;
  pools: Map<string, BackendPool>;
  /** Origin clients per `route>backend`, built once per load (they close over the route's response rewrites). */
  origins: Map<string, OriginClient>;
}

/**
 * One request on its way through the front door: what its answers and its access line
 * need. One object instead of closures over the handler's locals: tsx compiles with
 * esbuild's keepNames, which gives every named function created per request an
 * Object.defineProperty call (about 0.5 µs each, measured).
 */
interface Arrival {
  req: IncomingMessage;
  res: ServerResponse;
  started: number;
  rules: CompiledRules;
  method: string;
  requestId: string;
  view: RequestView;
  declared: string | undefined;
  hasBody: boolean;
  bytesBefore: number;
  /** For the access line and metrics: the route and backend once known, and the outcome of an answer given without an exchange. */
  route: string;
  backend: string;
  cache: CacheStatus;
  /** Set once the request goes to the cache or an origin; its cacheStatus then says how it was answered. */
  exchange: EdgeExchange | undefined;
}

/**
 * Hatago's front door. For each request: refuse what must not reach an origin, redirect,
 * route (first matching rule), rate-limit, answer synthetic routes, pick stable or canary,
 * and hand the request either to the cache (routes with a cache policy) or straight to
 * the backend's healthy instances.
 */
export function createEdgeServer(options: EdgeServerOptions): EdgeServer {
  const { logger } = options;
  const metrics = new EdgeMetrics();
  const accessLog = options.accessLog === false ? undefined : new AccessLog(options.accessLog);
  if (accessLog) metrics.watchAccessLog(accessLog);
  const broadcast: EdgeBroadcast = options.broadcast ?? { send: () => undefined, on: () => undefined };
  const rateLimits = options.rateLimits ?? new LocalRateLimits();
  const instances = Object.fromEntries(Object.entries(options.instances).map(([name, urls]) => [name, urls.map((url) => new URL(String(url)).origin)]));

  const observer: OriginObserver = {
    retried: (backend, instance, reason) => {
      metrics.retries.labels(backend, reason).inc();
      logger.warn({ backend, instance, reason }, 'retrying on another instance');
    },
    answered: (backend, _instance, seconds) => metrics.observeOrigin(backend, seconds),
  };

  const buildPool = (name: string, rule: BackendRule) => {
    const origins = instances[name] ?? [];
    if (origins.length === 0) logger.warn({ backend: name }, 'backend has no instances: its routes answer 503');
    const pool = new BackendPool(name, rule, origins);
    for (const instance of pool.instances) metrics.instanceHealthy.labels(name, instance.origin).set(1);
    pool.on('health', (change) => {
      metrics.instanceHealthy.labels(change.backend, change.instance).set(change.healthy ? 1 : 0);
      logger[change.healthy ? 'info' : 'warn'](change, change.healthy ? 'instance rejoined' : 'instance left the pool');
      broadcast.send('health', change);
    });
    if (options.probes !== false) pool.startProbes();
    return pool;
  };

  const build = (rules: EdgeRules, previous?: Runtime): Runtime => {
    const problems = validateEdgeRules(rules);
    if (problems.length) throw new EdgeRulesError(problems.map((p) => `${formatRulePath(p.path) || '(rules)'}: ${p.message}`));
    const pools = new Map<string, BackendPool>();
    for (const [name, rule] of Object.entries(rules.backends)) {
      const kept = previous?.pools.get(name);
      pools.set(name, kept && JSON.stringify(kept.rule) === JSON.stringify(rule) ? kept : buildPool(name, rule));
    }
    const compiled = compileRules(rules);
    const origins = new Map<string, OriginClient>();
    for (const route of compiled.routes) {
      for (const backend of [route.backend, route.rollout?.backend]) {
        if (backend) origins.set(`${route.name}>${backend}`, originClientFor(pools.get(backend)!, route.editResponse, observer));
      }
    }
    return { rules: compiled, pools, origins };
  };

  let runtime = build(options.rules);
  // another worker's probe saw it first: act on it now instead of after this worker's own probes
  broadcast.on('health', (payload) => {
    const change = payload as HealthChange;
    if (runtime.pools.get(change.backend)?.adopt(change)) metrics.instanceHealthy.labels(change.backend, change.instance).set(change.healthy ? 1 : 0);
  });
  for (const name of Object.keys(instances)) {
    if (!runtime.pools.has(name)) logger.warn({ backend: name }, 'instances given for a backend the rules do not declare');
  }

  const server = http.createServer({ maxHeaderSize: options.rules.limits.maxHeaderBytes, requireHostHeader: true }, (req, res) => handle(req, res));
  server.keepAliveTimeout = 65_000;
  server.headersTimeout = 66_000;
  server.on('clientError', (error: NodeJS.ErrnoException, socket) => {
    if (error.code === 'ECONNRESET' || !socket.writable) return socket.destroy();
    const status = parseErrorStatus(error.code);
    metrics.refused.labels(`parse-${status}`).inc();
    answerOnSocket(socket, status);
  });
  // CONNECT never reaches the request handler; without a listener node would just drop the socket
  server.on('connect', (_req, socket) => {
    metrics.refused.labels('method').inc();
    answerOnSocket(socket, 405, `Allow: ${ALLOW_HEADER}\r\n`);
  });

  function handle(req: IncomingMessage, res: ServerResponse) {
    const started = performance.now();
    const { rules } = runtime;
    const url = req.url ?? '/';
    const method = req.method ?? 'GET';
    const declared = req.headers['content-length'];
    const arrival: Arrival = {
      req,
      res,
      started,
      rules,
      method,
      // not set on res here: each answer carries it in its one writeHead call (see EdgeExchange)
      requestId: acceptOrCreateRequestId(req.headers['x-request-id']),
      view: RequestView.of(method, url, req.headers),
      declared,
      hasBody: declared !== undefined ? declared !== '0' : req.headers['transfer-encoding'] !== undefined,
      bytesBefore: req.socket.bytesWritten,
      route: '-',
      backend: '-',
      cache: 'REFUSED',
      exchange: undefined,
    };
    res.once('close', () => record(arrival));

    if (url.length > rules.limits.maxUrlBytes) return refuse(arrival, PROBLEMS.uriTooLong, 'url');
    const badMethod = methodRefusal(method);
    if (badMethod) return refuse(arrival, badMethod === 405 ? PROBLEMS.methodNotAllowed : PROBLEMS.notImplemented, 'method', { allow: ALLOW_HEADER });
    const badCoding = transferEncodingRefusal(req.headers['transfer-encoding']);
    if (badCoding) return refuse(arrival, badCoding === 400 ? PROBLEMS.badRequest : PROBLEMS.notImplemented, 'transfer-encoding');

    const { view, requestId } = arrival;
    const redirect = redirectFor(rules, view);
    if (redirect) {
      arrival.route = redirect.name;
      arrival.cache = 'SYNTH';
      res.writeHead(redirect.status, { location: redirect.location(view), 'content-length': 0, 'x-request-id': requestId });
      return res.end();
    }
    const route = routeFor(rules, view);
    if (!route) return refuse(arrival, PROBLEMS.notFound, 'no-route');
    arrival.route = route.name;

    let limits: RateLimitSpec[] | undefined;
    for (const limit of rules.rateLimits) if (limit.matches(view)) (limits ??= []).push(limit.spec);
    if (limits === undefined) return proceed(arrival, route);
    const verdict = rateLimits.take(limits, rules.clientAddress.of(req.socket.remoteAddress ?? '', req.headers['x-forwarded-for']));
    if (!(verdict instanceof Promise)) return refuseOrProceed(arrival, route, verdict);
    // counted in the primary (a client that left meanwhile is not forwarded); the counter falls back to this
    // worker's own count itself, so a rejection is a bug and must not lock clients out
    verdict.then(
      (refusal) => (res.destroyed ? undefined : refuseOrProceed(arrival, route, refusal)),
      (error: unknown) => {
        logger.error({ err: error, reqId: requestId }, 'rate limit check failed; letting the request through');
        proceed(arrival, route);
      },
    );
  }

  /** Counts the request and writes its access line, once its response has closed. */
  function record(arrival: Arrival) {
    const { req, res, exchange } = arrival;
    const status = res.statusCode;
    const cache = exchange ? exchange.cacheStatus : arrival.cache;
    metrics.countRequest(arrival.route, status, cache);
    accessLog?.write({
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
      client: arrival.rules.clientAddress.of(req.socket.remoteAddress ?? '-', req.headers['x-forwarded-for']),
    });
  }

  function refuse(arrival: Arrival, problem: EdgeProblem, reason: string, headers?: OutgoingHttpHeaders) {
    const { req, res } = arrival;
    metrics.refused.labels(reason).inc();
    // the body may still be on its way: read and drop it so the client is not reset before it reads the answer
    if (arrival.hasBody && !req.complete) {
      req.resume();
      res.setHeader('connection', 'close');
    }
    sendEdgeProblem(res, arrival.view.path, arrival.requestId, problem, headers);
  }

  function refuseOrProceed(arrival: Arrival, route: CompiledRoute, refusal: RateLimitRefusal | undefined) {
    if (refusal === undefined) return proceed(arrival, route);
    refuse(arrival, PROBLEMS.tooManyRequests, `rate-${refusal.limit}`, { 'retry-after': String(refusal.retryAfter) });
  }

  /** The rest of the way once the rate limits said yes. */
  function proceed(arrival: Arrival, route: CompiledRoute) {
    const { req, res, requestId, view, method, rules, hasBody, declared } = arrival;
    if (route.synthetic) {
      arrival.cache = 'SYNTH';
      req.resume();
      res.writeHead(route.synthetic.status, { ...route.synthetic.headers, 'x-request-id': requestId });
      return res.end(route.synthetic.body);
    }

    if (declared !== undefined && Number(declared) > rules.limits.maxBodyBytes) return refuse(arrival, PROBLEMS.tooLarge, 'body-size');

    if (
      !hasBody &&
      route.cache !== 'pass' &&
      route.rollout === undefined &&
      (method === 'GET' || method === 'HEAD') &&
      options.cache?.answerFresh?.({ req, res, requestId, backend: route.backend!, path: view.path, query: view.query }, route.cache)
    ) {
      arrival.backend = route.backend!;
      arrival.cache = 'HIT';
      return;
    }

    let backend = route.backend!;
    if (route.rollout) {
      const decision = decideRollout(route.rollout, backend, view);
      // a canary with no healthy instance sends its visitors to the stable pages meanwhile rather than
      // to a 503; their cookie stays, so they are back on the canary once it passes its probes
      if ((runtime.pools.get(decision.backend)?.healthyCount ?? 0) > 0) backend = decision.backend;
      if (decision.setCookie) res.appendHeader('set-cookie', decision.setCookie);
    }
    arrival.backend = backend;

    const headers: OutgoingHttpHeaders = forwardableHeaders(req.headers);
    headers['x-request-id'] = requestId;
    const priorFor = req.headers['x-forwarded-for'];
    const client = req.socket.remoteAddress ?? '';
    headers['x-forwarded-for'] = priorFor ? `${priorFor}, ${client}` : client;
    // what this hop received; a client's own claim of https is not evidence, a trusted balancer's is
    const proto = req.headers['x-forwarded-proto'];
    headers['x-forwarded-proto'] = (proto === 'https' || proto === 'http') && rules.clientAddress.trusts(client) ? proto : 'http';
    // HTTP/1.0 may come without Host; an undefined header value would fail the origin request
    if (req.headers.host !== undefined) headers['x-forwarded-host'] = req.headers.host;
    // the edge reads the whole body before forwarding, so the client's wait for 100-continue ends here
    delete headers.expect;
    applyTraceContext(headers, req.headers.traceparent as string | undefined);
    route.editRequest?.(headers);

    const exchange: EdgeExchange = {
      req,
      res,
      requestId,
      route: route.name,
      backend,
      path: view.path,
      query: view.query,
      originRequest: { method, path: req.url ?? '/', headers },
      cacheStatus: 'PASS',
    };
    arrival.exchange = exchange;
    const origin = runtime.origins.get(`${route.name}>${backend}`)!;
    if (!hasBody) {
      if (!BODYLESS.has(method)) headers['content-length'] = '0';
      req.resume();
      return forward(exchange, route, origin);
    }
    readBody(req, rules.limits.maxBodyBytes).then((body) => {
      if (body === undefined) return refuse(arrival, PROBLEMS.tooLarge, 'body-size');
      headers['content-length'] = String(body.length);
      exchange.originRequest.body = body;
      forward(exchange, route, origin);
    }, () => res.destroy());
  }

  function forward(exchange: EdgeExchange, route: CompiledRoute, origin: OriginClient) {
    if (route.cache !== 'pass' && options.cache) {
      // the cache's call site: it answers from the store or through fetchOrigin, and records its status
      options.cache.handle(exchange, route.cache, origin.fetch).catch((error: unknown) => answerOriginError(exchange, error));
    } else {
      pass(exchange, origin, route);
    }
  }

  function pass(exchange: EdgeExchange, origin: OriginClient, route: CompiledRoute) {
    const method = exchange.req.method ?? 'GET';
    origin
      .relay(exchange.originRequest, {
        head(status, headers, instance, originMs) {
          exchange.originMs = originMs;
          exchange.instance = instance;
          // the edge's own copy: edited in place rather than copied again
          delete headers['surrogate-key'];
          headers['x-request-id'] = exchange.requestId;
          headers['x-cache'] = 'PASS';
          headers['cache-status'] = SAFE.has(method) ? 'Hatago; fwd=bypass' : 'Hatago; fwd=method';
          if (!SAFE.has(method) && status < 400) options.cache?.invalidate?.(exchange, { headers });
          return exchange.res.writeHead(status, headers);
        },
        interrupted(error, instance) {
          logger.warn({ reqId: exchange.requestId, route: route.name, instance, err: error }, 'response interrupted');
        },
      })
      .catch((error: unknown) => answerOriginError(exchange, error));
  }

  function answerOriginError(exchange: EdgeExchange, error: unknown) {
    const { res } = exchange;
    if (res.headersSent) return res.destroy();
    if (error instanceof OriginUnavailableError) {
      logger.warn({ reqId: exchange.requestId, route: exchange.route, backend: exchange.backend, err: error }, 'backend unavailable');
      return sendEdgeProblem(res, exchange.path, exchange.requestId, problemForStatus(error.status));
    }
    logger.error({ reqId: exchange.requestId, route: exchange.route, err: error }, 'edge failed');
    sendEdgeProblem(res, exchange.path, exchange.requestId, PROBLEMS.badGateway);
  }

  const admin = new AdminRoutes();
  admin.add('GET', '/metrics', async (_req, res) => {
    const text = options.metricsText ? await options.metricsText() : await metrics.registry.metrics();
    res.writeHead(200, { 'content-type': metrics.registry.contentType, 'cache-control': 'no-store' });
    res.end(text);
  });
  admin.add('GET', '/health', (_req, res) => sendJson(res, 200, healthView(runtime.pools)));
  options.cache?.attach?.(admin, metrics.registry, broadcast);
  const adminServer = options.adminToken ? createAdminServer(admin, options.adminToken, logger) : undefined;

  return {
    server,
    ...(adminServer ? { adminServer } : {}),
    admin,
    metrics,
    get pools() {
      return runtime.pools as ReadonlyMap<string, BackendPool>;
    },
    reload(rules) {
      const previous = runtime;
      runtime = build(rules, previous);
      // node keeps the createServer option as a server property (not in its types) and gives it to the parser of
      // each new connection: new connections get the new limit, kept-alive ones keep theirs until they close.
      // edge-server.test.ts pins this, so a node that stops doing it fails there rather than here in silence.
      (server as http.Server & { maxHeaderSize: number }).maxHeaderSize = rules.limits.maxHeaderBytes;
      for (const [name, pool] of previous.pools) if (runtime.pools.get(name) !== pool) void pool.close();
    },
    async close() {
      await Promise.all([closeServer(server), adminServer ? closeServer(adminServer) : undefined]);
      rateLimits.close();
      await Promise.all([...runtime.pools.values()].map((pool) => pool.close()));
      accessLog?.close();
    },
  };
}

/** Reads a request body into memory, or undefined once it grows past `max` (the rest is drained). */
function readBody(req: IncomingMessage, max: number): Promise<Buffer | undefined> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let over = false;
    req.on('data', (chunk: Buffer) => {
      if (over) return;
      size += chunk.length;
      if (size > max) {
        over = true;
        chunks.length = 0;
        return resolve(undefined);
      }
      chunks.push(chunk);
    });
    req.on('end', () => {
      if (!over) resolve(chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, size));
    });
    req.on('error', reject);
  });
}

function healthView(pools: ReadonlyMap<string, BackendPool>) {
  const backends: Record<string, unknown> = {};
  for (const [name, pool] of pools) {
    backends[name] = {
      healthy: pool.healthyCount,
      instances: pool.instances.map((instance) => ({
        url: instance.origin,
        healthy: instance.healthy,
        active: instance.active,
        probes: instance.probes,
        ...(instance.lastProbeError ? { lastProbeError: instance.lastProbeError } : {}),
      })),
    };
  }
  return { backends };
}

function closeServer(server: http.Server): Promise<void> {
  if (!server.listening) return Promise.resolve();
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeIdleConnections();
  });
}
