import type { IncomingHttpHeaders } from 'node:http';
import { pipeline } from 'node:stream/promises';
import type { CacheState } from './cache-state.ts';
import type { XCache } from './cache-status.ts';
import type { EdgeExchange, OriginResponse } from './edge-exchange.ts';
import { flatten } from './response-headers.ts';

/** Streams an origin response the cache does not keep. */
export async function streamResponse(state: Pick<CacheState, 'metrics' | 'logger'>, exchange: EdgeExchange, response: OriginResponse, xCache: XCache, cacheStatus: string, headers: IncomingHttpHeaders): Promise<void> {
  exchange.cacheStatus = xCache;
  state.metrics.served[xCache].inc();
  exchange.res.writeHead(response.status, [...flatten(headers), 'x-request-id', exchange.requestId, 'x-cache', xCache, 'cache-status', cacheStatus]);
  try {
    await pipeline(response.body, exchange.res);
  } catch (error) {
    // a backend dying mid-response must close the client's connection, not leave it waiting
    exchange.res.destroy();
    state.logger?.warn({ reqId: exchange.requestId, err: error }, 'response interrupted');
  }
}

/**
 * Sends the body to the client as it arrives (never after buffering it whole) while
 * keeping a copy to store. Past the per-object limit the copy is dropped and the rest
 * only streams; undefined means nothing may be stored. The body's very last byte is held
 * back: the caller sends it (`finish`) once the copy is stored, so a client that has the
 * whole response finds it in the cache on its next request.
 */
export function streamAndCollect(
  state: Pick<CacheState, 'store' | 'metrics' | 'logger'>,
  client: EdgeExchange | undefined,
  response: OriginResponse,
  headers: IncomingHttpHeaders,
  cacheStatus: string,
): Promise<{ body: Buffer | undefined; finish: () => void }> {
  const limit = state.store.limits.maxObjectBytes;
  if (client !== undefined) {
    client.cacheStatus = 'MISS';
    state.metrics.served.MISS.inc();
    client.res.writeHead(response.status, [...flatten(headers), 'x-request-id', client.requestId, 'x-cache', 'MISS', 'cache-status', cacheStatus]);
  }
  const res = client?.res;
  return new Promise((resolve) => {
    let chunks: Buffer[] | undefined = [];
    let size = 0;
    let held: Buffer | undefined;
    const body = response.body;
    const finish = () => {
      if (res !== undefined && !res.destroyed) res.end(held);
    };
    body.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (chunks !== undefined) {
        if (size > limit) chunks = undefined;
        else chunks.push(chunk);
      }
      if (res === undefined || res.destroyed || chunk.length === 0) return;
      // a client gone away does not stop the fetch: others are waiting for this entry
      res.cork();
      if (held !== undefined) res.write(held);
      const flowing = res.write(chunk.subarray(0, chunk.length - 1));
      res.uncork();
      held = chunk.subarray(chunk.length - 1);
      if (!flowing) {
        body.pause();
        res.once('drain', () => body.resume());
      }
    });
    body.on('end', () => {
      if (chunks === undefined) {
        finish();
        resolve({ body: undefined, finish: () => undefined });
      } else {
        resolve({ body: Buffer.concat(chunks, size), finish });
      }
    });
    body.on('error', (error) => {
      res?.destroy();
      state.logger?.warn({ reqId: client?.requestId, err: error }, 'origin response interrupted');
      resolve({ body: undefined, finish: () => undefined });
    });
    res?.on('close', () => {
      if (body.isPaused()) body.resume();
    });
  });
}
