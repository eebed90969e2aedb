import { permanentFailure, transientFailure } from './mail-provider.ts';

export interface HttpReply {
  status: number;
  headers: Headers;
  body: string;
}

/**
 * POSTs JSON for the HTTP providers and classifies what cannot succeed as it stands:
 * no answer within the timeout or a broken connection is transient, as are 429 (waiting
 * as long as Retry-After says) and 5xx; any other non-2xx is permanent, with the
 * provider's own words as the reason.
 */
export async function postJson(url: string, body: unknown, options: { headers?: Record<string, string>; timeoutMs: number; describe: (reply: HttpReply) => string }): Promise<HttpReply> {
  let reply: HttpReply;
  try {
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...options.headers },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(options.timeoutMs),
    });
    reply = { status: response.status, headers: response.headers, body: await response.text() };
  } catch (error) {
    const cause = error instanceof Error && error.name === 'TimeoutError' ? `no answer within ${options.timeoutMs} ms` : describeNetworkError(error);
    throw transientFailure(cause);
  }
  if (reply.status >= 200 && reply.status < 300) return reply;
  const reason = `HTTP ${reply.status}: ${options.describe(reply)}`.slice(0, 1000);
  if (reply.status === 429 || reply.status >= 500) throw transientFailure(reason, retryAfterMs(reply.headers.get('retry-after')));
  throw permanentFailure(reason);
}

function describeNetworkError(error: unknown): string {
  const cause = error instanceof Error && error.cause instanceof Error ? error.cause : error;
  const code = (cause as { code?: string }).code;
  const message = cause instanceof Error ? cause.message : String(cause);
  return code ? `${code}: ${message}` : message;
}

/** Retry-After in seconds or as an HTTP date; anything else is ignored. */
function retryAfterMs(value: string | null): number | undefined {
  if (!value) return undefined;
  if (/^\d+$/.test(value.trim())) return Number(value.trim()) * 1000;
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, at - Date.now());
}
