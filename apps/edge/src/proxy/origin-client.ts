import type { IncomingHttpHeaders } from 'node:http';
import type { BackendPool, Instance } from '../balancing/backend-pool.ts';
import type { HeaderEdit } from '../routing/compiled-rules.ts';
import { OriginUnavailableError, type OriginFetch, type OriginRequest, type OriginResponse } from './edge-exchange.ts';
import { forwardableHeaders } from './forwarding.ts';

/** What the origin client reports, for metrics and logs. */
export interface OriginObserver {
  retried(backend: string, instance: string, reason: string): void;
  answered(backend: string, instance: string, seconds: number): void;
}

const IDEMPOTENT = new Set(['GET', 'HEAD', 'OPTIONS', 'PUT', 'DELETE']);

// failures where the instance never saw the request: connection refused, unreachable, or too slow to accept
const NOT_CONNECTED = new Set(['ECONNREFUSED', 'UND_ERR_CONNECT_TIMEOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN', 'EADDRNOTAVAIL']);
// failures before any response byte: a kept-alive connection the instance closed, or an instance killed mid-request
const RESET = new Set(['ECONNRESET', 'EPIPE', 'UND_ERR_SOCKET', 'UND_ERR_CLOSED']);

const codeOf = (error: unknown) => (error as { code?: string }).code ?? '';

/** A request the origin may see twice without harm, with a body that can be sent again. */
const replayable = (request: OriginRequest) =>
  (IDEMPOTENT.has(request.method) || (request.method === 'POST' && request.headers['idempotency-key'] !== undefined)) &&
  (request.body === undefined || Buffer.isBuffer(request.body));

/**
 * Fetches from one backend: a healthy instance by the backend's strategy, and once more on
 * another instance when a replayable request failed to connect or was reset before any
 * response byte. Response headers lose hop-by-hop fields and get the route's rewrites.
 */
export function originFetchFor(pool: BackendPool, editResponse: HeaderEdit | undefined, observer: OriginObserver): OriginFetch {
  return async (request) => {
    const first = pool.pick();
    if (!first) throw new OriginUnavailableError(pool.name, 'no healthy instance', 503);
    try {
      return await send(first, request, editResponse, observer);
    } catch (error) {
      const code = codeOf(error);
      if ((NOT_CONNECTED.has(code) || RESET.has(code)) && replayable(request)) {
        // the same instance again only when it is the only one left: a reset kept-alive connection is then worth a fresh one
        const second = pool.pick(first) ?? (pool.healthyCount === 1 && RESET.has(code) ? first : undefined);
        if (second) {
          observer.retried(pool.name, first.origin, code);
          try {
            return await send(second, request, editResponse, observer);
          } catch (retryError) {
            throw unavailable(pool.name, retryError);
          }
        }
      }
      throw unavailable(pool.name, error);
    }
  };
}

function unavailable(backend: string, error: unknown): OriginUnavailableError {
  const code = codeOf(error);
  const status = NOT_CONNECTED.has(code) ? 503 : code === 'UND_ERR_HEADERS_TIMEOUT' ? 504 : 502;
  return Object.assign(new OriginUnavailableError(backend, code || (error as Error).message, status), { cause: error });
}

async function send(instance: Instance, request: OriginRequest, editResponse: HeaderEdit | undefined, observer: OriginObserver): Promise<OriginResponse> {
  const started = performance.now();
  instance.active++;
  let response;
  try {
    response = await instance.pool.request({
      method: request.method as 'GET',
      path: request.path,
      headers: request.headers as Record<string, string>,
      body: request.body ?? null,
    });
  } catch (error) {
    instance.active--;
    throw error;
  }
  observer.answered(instance.backend, instance.origin, (performance.now() - started) / 1000);
  response.body.once('close', () => instance.active--);
  const headers = forwardableHeaders(response.headers as IncomingHttpHeaders);
  editResponse?.(headers);
  return { status: response.statusCode, headers, body: response.body, instance: instance.origin };
}
