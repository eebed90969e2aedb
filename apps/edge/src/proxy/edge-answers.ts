import type { OutgoingHttpHeaders, ServerResponse } from 'node:http';
import { html } from '@hatago/platform/html';
import { titleOf } from '@hatago/platform/http';

export interface EdgeProblem {
  status: number;
  title: string;
  code: string;
  detail: string;
  heading: string;
}

// the title is the status's RFC 9110 phrase, as the apps' problems carry it
const problem = (status: number, code: string, detail: string, heading: string): EdgeProblem => ({ status, title: titleOf(status), code, detail, heading });

/** Everything the edge answers itself, in one place so pages and problem bodies stay consistent. */
export const PROBLEMS = {
  badRequest: problem(400, 'BAD_REQUEST', 'The request is malformed.', 'That request could not be read'),
  notFound: problem(404, 'NOT_FOUND', 'Nothing is served at this address.', 'Page not found'),
  methodNotAllowed: problem(405, 'METHOD_NOT_ALLOWED', 'This method is not allowed here.', 'That is not allowed'),
  tooLarge: problem(413, 'BODY_TOO_LARGE', 'The request body is too large.', 'That was too much to send'),
  uriTooLong: problem(414, 'URI_TOO_LONG', 'The address is too long.', 'That address is too long'),
  tooManyRequests: problem(429, 'RATE_LIMITED', 'Too many requests; try again shortly.', 'Please slow down'),
  notImplemented: problem(501, 'METHOD_NOT_IMPLEMENTED', 'This method is not supported.', 'That is not supported'),
  badGateway: problem(502, 'BACKEND_FAILED', 'The service did not answer properly; try again.', "We'll be right back"),
  unavailable: problem(503, 'BACKEND_UNAVAILABLE', 'The service is briefly unavailable; try again.', "We'll be right back"),
  gatewayTimeout: problem(504, 'BACKEND_TIMEOUT', 'The service took too long to answer; try again.', "We'll be right back"),
} satisfies Record<string, EdgeProblem>;

export const problemForStatus = (status: number): EdgeProblem =>
  status === 504 ? PROBLEMS.gatewayTimeout : status === 502 ? PROBLEMS.badGateway : PROBLEMS.unavailable;

/** problem+json for the API, a friendly page otherwise; both carry the request id so support can find the request. */
export function sendEdgeProblem(res: ServerResponse, path: string, requestId: string, answer: EdgeProblem, headers: OutgoingHttpHeaders = {}) {
  const api = path.startsWith('/api/');
  const body = api
    ? JSON.stringify({ type: 'about:blank', status: answer.status, title: answer.title, code: answer.code, detail: answer.detail, requestId })
    : html`<!doctype html><html lang="en"><meta charset="utf-8"><title>${answer.title}</title>
<body style="font-family:system-ui;max-width:40rem;margin:4rem auto;padding:0 1rem">
<h1>${answer.heading}</h1><p>${answer.detail}</p>
<p>Request ID: <code>${requestId}</code></p></body></html>`.value;
  res.writeHead(answer.status, {
    ...headers,
    'content-type': api ? 'application/problem+json' : 'text/html; charset=utf-8',
    'content-length': Buffer.byteLength(body),
    'cache-control': 'no-store',
    'x-request-id': requestId,
  });
  res.end(body);
}
