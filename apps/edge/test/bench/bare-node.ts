/**
 * bench:edge's ceiling: what Node itself does on this machine with none of the edge's work.
 * Hits are the 8 KB page from memory with the same header list a cache hit writes (a fresh
 * request id and Age included); passes go to the origin through undici and are piped back
 * with the hop-by-hop fields dropped. No rules, cache, metrics or log. The Node edge's
 * figures divided by these say how much of Node's own capacity the edge's work takes.
 *
 *   node --import tsx bare-node.ts <origin URL> <port> <workers>
 */
import { randomUUID } from 'node:crypto';
import cluster from 'node:cluster';
import http from 'node:http';
import { Pool } from 'undici';
import { BENCH_PAGE } from './bench-origin.ts';

const [originUrl, port, workers] = process.argv.slice(2);
// an exit of its own rather than the signal's: a profiled run (bench:edge's stage profile) writes its profile on exit
process.once('SIGTERM', () => process.exit(0));
const HOP_BY_HOP = new Set(['connection', 'keep-alive', 'transfer-encoding']);

if (cluster.isPrimary && Number(workers) > 1) {
  for (let i = 0; i < Number(workers); i++) cluster.fork();
} else {
  const origin = new Pool(originUrl!, { connections: 512 });
  const date = new Date().toUTCString();
  http
    .createServer((req, res) => {
      const requestId = randomUUID();
      if (!req.url!.startsWith('/pass')) {
        res.writeHead(200, [
          'content-type', 'text/html; charset=utf-8',
          'cache-control', 'public, max-age=3600, no-transform',
          'date', date,
          'content-length', String(BENCH_PAGE.length),
          'x-request-id', requestId,
          'x-cache', 'HIT',
          'cache-status', 'Hatago; hit',
          'age', '1',
        ]);
        res.end(BENCH_PAGE);
        return;
      }
      origin.request({ method: 'GET', path: req.url!, headers: { host: req.headers.host ?? '', 'x-request-id': requestId } }).then(
        (answer) => {
          const headers: http.OutgoingHttpHeaders = { 'x-request-id': requestId };
          for (const [name, value] of Object.entries(answer.headers)) if (!HOP_BY_HOP.has(name)) headers[name] = value;
          res.writeHead(answer.statusCode, headers);
          answer.body.pipe(res);
        },
        () => res.destroy(),
      );
    })
    .listen(Number(port), '127.0.0.1');
}
