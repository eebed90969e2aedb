import http from 'node:http';
import type { AddressInfo } from 'node:net';

export const BODY_BYTES = 8192;

// an 8 KB page, built once: the origin must cost the same for every runtime and as little as possible
export const BENCH_PAGE = Buffer.from(
  `<!doctype html><html lang="ja"><meta charset="utf-8"><title>Hotel</title><body>${'<p>宿泊プランのご案内 Hatago bench page.</p>\n'.repeat(400)}`,
).subarray(0, BODY_BYTES);

/**
 * The bench origin: /hotels/* are cacheable for an hour, /pass/* are `no-store`, both the
 * same 8 KB body from memory; /readyz answers the probes.
 */
export interface BenchOrigin {
  url: URL;
  /** Requests answered so far (probes excepted). */
  requests: () => number;
  /** TCP connections accepted so far: an edge that does not keep connections alive shows here. */
  connections: () => number;
  stop: () => Promise<void>;
}

export async function startBenchOrigin(): Promise<BenchOrigin> {
  let requests = 0;
  let connections = 0;
  // no-transform: wrk asks for identity, and an edge that stored gzip would gunzip on every hit; the bench measures the cache, not compression
  const cacheable = { 'content-type': 'text/html; charset=utf-8', 'content-length': BENCH_PAGE.length, 'cache-control': 'public, max-age=3600, no-transform' };
  const uncacheable = { ...cacheable, 'cache-control': 'no-store' };
  const server = http.createServer((req, res) => {
    if (req.url === '/readyz') {
      res.end('ready');
      return;
    }
    requests++;
    res.writeHead(200, req.url?.startsWith('/hotels/') ? cacheable : uncacheable);
    res.end(BENCH_PAGE);
  });
  server.on('connection', () => connections++);
  server.keepAliveTimeout = 65_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: new URL(`http://127.0.0.1:${(server.address() as AddressInfo).port}`),
    requests: () => requests,
    connections: () => connections,
    stop: async () => {
      const closed = new Promise((resolve) => server.close(resolve));
      server.closeAllConnections();
      await closed;
    },
  };
}
