import type { Duplex } from 'node:stream';
import { titleOf } from '@hatago/platform/http';
import { HTTP_METHODS } from '@hatago/edge-rules';

// refused on purpose: TRACE echoes credentials back (cross-site tracing), CONNECT would make the
// edge a tunnel, and PURGE is a cache's own verb whose only door is the admin listener; one from
// outside must not reach a cache or handler behind the edge that might honour it
const REFUSED = new Set(['TRACE', 'CONNECT', 'PURGE']);
export const ALLOW_HEADER = HTTP_METHODS.join(', ');

/**
 * RFC 9110 §15.5.6: a method refused on purpose is 405 (with Allow). Any other method node's
 * parser took (WebDAV's, REPORT, QUERY, …) goes on: the edge caches only GET and HEAD and passes
 * the rest to the origin, which knows its resources' methods (RFC 9110 §9.1).
 */
export function isRefusedMethod(method: string): boolean {
  return REFUSED.has(method);
}

/**
 * RFC 9112 §6.1/§6.3: only `chunked` is a transfer coding the edge understands; another
 * final coding makes the length unknowable (400), and an extra coding on top of chunked gets 501.
 * Node's parser already refuses Content-Length together with Transfer-Encoding and
 * duplicate or invalid Content-Length, answered by `answerParseError`.
 */
export function transferEncodingRefusal(value: string | undefined): 400 | 501 | null {
  if (value === undefined || value.toLowerCase() === 'chunked') return null;
  const codings = value.toLowerCase().split(',').map((coding) => coding.trim());
  return codings.at(-1) === 'chunked' ? 501 : 400;
}

/** Status for a request node's parser rejected before it became a request. */
export function parseErrorStatus(code: string | undefined): number {
  if (code === 'HPE_HEADER_OVERFLOW') return 431;
  if (code === 'HPE_INVALID_METHOD') return 501;
  if (code === 'HPE_URI_TOO_LONG') return 414;
  return 400;
}

/** Writes a minimal response on a socket whose request never parsed (or a CONNECT), then closes it. */
export function answerOnSocket(socket: Duplex, status: number, extraHeaders = '') {
  if (!socket.writable) return socket.destroy();
  const reason = titleOf(status);
  const body = `${status} ${reason}\n`;
  socket.end(
    `HTTP/1.1 ${status} ${reason}\r\nConnection: close\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Length: ${body.length}\r\nCache-Control: no-store\r\n${extraHeaders}\r\n${body}`,
  );
}
