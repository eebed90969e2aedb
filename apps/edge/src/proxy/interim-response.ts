import type { IncomingHttpHeaders, ServerResponse } from 'node:http';
import { forwardableHeaders } from './forwarding.ts';

/**
 * RFC 9110 §15.2: an origin's interim response goes on to the client ahead of the final one,
 * and is never stored (nothing here reaches the cache). Node 20 writes two kinds on a server
 * response: 102 and 103 (which it sends only with a valid Link). Another 1xx is dropped: undici
 * refuses a 100 the edge never asked for, and a 101 needs an upgrade the edge does not relay.
 */
export function relayInterim(res: ServerResponse, status: number, headers: IncomingHttpHeaders): void {
  if (res.headersSent || res.destroyed) return;
  if (status === 102) return res.writeProcessing();
  if (status !== 103 || headers.link === undefined) return;
  try {
    res.writeEarlyHints(forwardableHeaders(headers) as Record<string, string | string[]>);
  } catch {
    // a Link node finds invalid: the hints are only a head start, the final response still comes
  }
}
