import type http from 'node:http';
import { PROBLEMS } from '@hatago/edge-rules';
import type { EdgeMetrics } from '../admin/edge-metrics.ts';
import { ALLOW_HEADER, answerOnSocket, isRefusedMethod, parseErrorStatus, transferEncodingRefusal } from '../protection/front-door.ts';
import type { Arrival, EdgeContext } from './edge-context.ts';
import { refuse } from './refuse.ts';

/** The first stage: refuses (and answers) an overlong URL, a method refused on purpose or a transfer coding the edge does not take. */
export function refusedAtFrontDoor(edge: EdgeContext, arrival: Arrival, url: string): boolean {
  if (url.length > arrival.rules.limits.maxUrlBytes) {
    refuse(edge, arrival, PROBLEMS.uriTooLong, 'url');
    return true;
  }
  if (isRefusedMethod(arrival.method)) {
    refuse(edge, arrival, PROBLEMS.methodNotAllowed, 'method', { allow: ALLOW_HEADER });
    return true;
  }
  const badCoding = transferEncodingRefusal(arrival.req.headers['transfer-encoding']);
  if (badCoding) {
    refuse(edge, arrival, badCoding === 400 ? PROBLEMS.badRequest : PROBLEMS.notImplemented, 'transfer-encoding');
    return true;
  }
  return false;
}

/** The front door for what never becomes a request: what node's parser rejected, and CONNECT. */
export function watchUnparsedRequests(server: http.Server, metrics: EdgeMetrics): void {
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
}
