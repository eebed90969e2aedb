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
}

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
      if (!res.headersSent) {
        options.logger.warn({ reqId: requestId, backend, err: error }, 'backend unavailable');
        sendUnavailable(req, res, requestId);
        log(502);
      } else {
        res.destroy(error);
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

function sendUnavailable(req: IncomingMessage, res: ServerResponse, requestId: string) {
  const wantsJson = (req.url ?? '').startsWith('/api/');
  res.statusCode = 502;
  res.setHeader('cache-control', 'no-store');
  if (wantsJson) {
    res.setHeader('content-type', 'application/problem+json');
    res.end(
      JSON.stringify({
        type: 'about:blank',
        title: 'Bad Gateway',
        status: 502,
        detail: 'The service is briefly unavailable; try again.',
        code: 'BACKEND_UNAVAILABLE',
        requestId,
      }),
    );
    return;
  }
  res.setHeader('content-type', 'text/html; charset=utf-8');
  res.end(`<!doctype html><html lang="en"><meta charset="utf-8"><title>Temporarily unavailable</title>
<body style="font-family:system-ui;max-width:40rem;margin:4rem auto;padding:0 1rem">
<h1>We'll be right back</h1><p>This page is briefly unavailable. Please try again in a moment.</p>
<p>Request ID: <code>${escapeHtml(requestId)}</code></p></body></html>`);
}
