import type { ServerResponse } from 'node:http';
import type { Readable } from 'node:stream';

/**
 * Streams an origin body to the client with pipeline's failure semantics but without its
 * cost: node's pipeline() builds an AbortController per call and aborts it when done,
 * which constructs a DOMException with a stack trace on every response (measured at
 * several percent of the pass path). A body failing mid-way destroys the client's
 * response (the client sees a failed request, not a wait); a client leaving destroys the body.
 */
export function relayBody(body: Readable, res: ServerResponse, onInterrupted: (error: Error) => void) {
  body.on('error', (error) => {
    if (res.destroyed) return;
    onInterrupted(error);
    res.destroy(error);
  });
  res.once('close', () => {
    if (!body.readableEnded) body.destroy();
  });
  body.pipe(res);
}
