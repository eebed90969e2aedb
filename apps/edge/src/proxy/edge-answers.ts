import type { OutgoingHttpHeaders, ServerResponse } from 'node:http';
import { html } from '@hatago/platform/html';
import type { EdgeProblem } from '@hatago/edge-rules';

/** problem+json for the API, a friendly page otherwise; both carry the request id (and the trace id when the request has one) so support can find the request. */
export function sendEdgeProblem(res: ServerResponse, path: string, ids: { requestId: string; traceId: string | undefined }, answer: EdgeProblem, headers: OutgoingHttpHeaders = {}) {
  const api = path.startsWith('/api/');
  const { requestId, traceId } = ids;
  const body = api
    ? JSON.stringify({ type: 'about:blank', status: answer.status, title: answer.title, code: answer.code, detail: answer.detail, requestId, ...(traceId ? { traceId } : {}) })
    : html`<!doctype html><html lang="en"><meta charset="utf-8"><title>${answer.title}</title>
<body style="font-family:system-ui;max-width:40rem;margin:4rem auto;padding:0 1rem">
<h1>${answer.heading}</h1><p>${answer.detail}</p>
<p>Request ID: <code>${requestId}</code>${traceId ? html`<br>Trace ID: <code>${traceId}</code>` : ''}</p></body></html>`.value;
  res.writeHead(answer.status, {
    ...headers,
    'content-type': api ? 'application/problem+json' : 'text/html; charset=utf-8',
    'content-length': Buffer.byteLength(body),
    'cache-control': 'no-store',
    'x-request-id': requestId,
  });
  res.end(body);
}
