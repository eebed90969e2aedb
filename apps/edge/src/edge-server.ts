import http, { type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from 'node:http';
import { performance } from 'node:perf_hooks';
import { pipeline } from 'node:stream';
import { acceptOrCreateRequestId, REQUEST_ID_HEADER } from '@hatago/platform/http';
import { escapeHtml } from '@hatago/platform/html';
import type { Logger } from '@hatago/platform/logging';
import { backendFor, type BackendName } from './routing-table.ts';

export interface EdgeOptions {
  backends: Record<BackendName, URL>;
  logger: Logger;
  /**
   * Largest request body let through; the apps refuse the same size. The edge refuses
   * first because an app that answers 413 and closes while the body is still arriving
   * resets the connection, and the proxy would then only see a failed backend.
   */
  maxBodyBytes?: number;
}

const DEFAULT_MAX_BODY_BYTES = 1024 * 1024;

// RFC 9110 §7.6.1: connection-specific headers never cross a proxy
const HOP_BY_HOP = new Set([
  'connection',
  'keep-alive',
  'proxy-connection',
  'proxy-authenticate',
  'proxy-authorization',
  'te',
  'trailer',
  'transfer-encoding',
  'upgrade',
]);

function forwardableHeaders(headers: IncomingHttpHeaders): IncomingHttpHeaders {
  const named = new Set(
    String(headers.connection ?? '')
      .split(',')
      .map((h) => h.trim().toLowerCase()),
  );
  const out: IncomingHttpHeaders = {};
  for (const [name, value] of Object.entries(headers)) {
    if (!HOP_BY_HOP.has(name) && !named.has(name)) out[name] = value;
  }
  return out;
}

/**
 * The front door: forwards by path to the guest, facility or operator app, gives every
 * request an X-Request-Id (kept when the client sent a well-formed one), returns it on
 * every response and logs one JSON line per request.
 */
export function createEdgeServer(options: EdgeOptions): http.Server {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 256 });

  const server = http.createServer((req, res) => {
    const started = performance.now();
    const requestId = acceptOrCreateRequestId(req.headers[REQUEST_ID_HEADER]);
    const path = (req.url ?? '/').split('?')[0]!;
    const backend = backendFor(path);
    const target = options.backends[backend];
    res.setHeader(REQUEST_ID_HEADER, requestId);

    const headers = forwardableHeaders(req.headers);
    headers[REQUEST_ID_HEADER] = requestId;
    const priorFor = req.headers['x-forwarded-for'];
    headers['x-forwarded-for'] = priorFor ? `${priorFor}, ${req.socket.remoteAddress}` : req.socket.remoteAddress;
    // what this hop received; a client's own claim of https is not evidence (TLS in front is issue 6's rules)
    headers['x-forwarded-proto'] = 'http';
    headers['x-forwarded-host'] = req.headers.host;

    const maxBody = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
    const refuseTooLarge = () => {
      // read and drop the rest of the body, so the client is not reset before it reads the answer
      req.resume();
      res.setHeader('connection', 'close');
      sendEdgeProblem(req, res, requestId, TOO_LARGE);
      log(413);
    };
    if (Number(req.headers['content-length'] ?? 0) > maxBody) return refuseTooLarge();

    let refused = false;
    const upstream = http.request(
      { host: target.hostname, port: target.port, method: req.method, path: req.url, headers, agent },
      (upstreamRes) => {
        const responseHeaders = forwardableHeaders(upstreamRes.headers);
        responseHeaders[REQUEST_ID_HEADER] = requestId;
        res.writeHead(upstreamRes.statusCode ?? 502, responseHeaders);
        // pipeline, not pipe: a backend dying mid-response must close the client's
        // connection (which then sees a failed request) instead of leaving it waiting
        pipeline(upstreamRes, res, (error) => {
          if (error) options.logger.warn({ reqId: requestId, backend, err: error }, 'response interrupted');
          log(upstreamRes.statusCode ?? 502);
        });
      },
    );
    upstream.on('error', (error) => {
      if (refused) return;
      if (!res.headersSent) {
        options.logger.warn({ reqId: requestId, backend, err: error }, 'backend unavailable');
        sendEdgeProblem(req, res, requestId, UNAVAILABLE);
        log(502);
      } else {
        res.destroy(error);
      }
    });
    // a chunked body has no length to check up front: count it as it streams
    let received = 0;
    req.on('data', (chunk: Buffer) => {
      received += chunk.length;
      if (received > maxBody && !refused) {
        refused = true;
        req.unpipe(upstream);
        upstream.destroy();
        if (!res.headersSent) refuseTooLarge();
      }
    });
    req.pipe(upstream);
    // the backend may answer (413, 401 …) before reading the whole body; that is not an error
    req.on('error', () => upstream.destroy());

    function log(status: number) {
      options.logger.info({
        reqId: requestId,
        method: req.method,
        path,
        backend,
        status,
        durationMs: Math.round((performance.now() - started) * 10) / 10,
      });
    }
  });
  server.keepAliveTimeout = 65_000;
  server.headersTimeout = 66_000;
  return server;
}

interface EdgeProblem {
  status: number;
  title: string;
  code: string;
  detail: string;
  heading: string;
}

const UNAVAILABLE: EdgeProblem = {
  status: 502,
  title: 'Bad Gateway',
  code: 'BACKEND_UNAVAILABLE',
  detail: 'The service is briefly unavailable; try again.',
  heading: "We'll be right back",
};

const TOO_LARGE: EdgeProblem = {
  status: 413,
  title: 'Content Too Large',
  code: 'BODY_TOO_LARGE',
  detail: 'The request body is too large.',
  heading: 'That was too much to send',
};

/** The edge's own answers: problem+json for the API, a friendly page otherwise, both with the request id. */
function sendEdgeProblem(req: IncomingMessage, res: ServerResponse, requestId: string, problem: EdgeProblem) {
  res.statusCode = problem.status;
  res.setHeader('cache-control', 'no-store');
  if ((req.url ?? '').startsWith('/api/')) {
    res.setHeader('content-type', 'application/problem+json');
    const { heading: _heading, ...body } = problem;
    res.end(JSON.stringify({ type: 'about:blank', ...body, requestId }));
    return;
  }
  res.setHeader('content-type', 'text/html; charset=utf-8');
  res.end(`<!doctype html><html lang="en"><meta charset="utf-8"><title>${escapeHtml(problem.title)}</title>
<body style="font-family:system-ui;max-width:40rem;margin:4rem auto;padding:0 1rem">
<h1>${escapeHtml(problem.heading)}</h1><p>${escapeHtml(problem.detail)}</p>
<p>Request ID: <code>${escapeHtml(requestId)}</code></p></body></html>`);
}
