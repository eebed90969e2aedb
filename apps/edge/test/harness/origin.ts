import http, { type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** What an origin received, in arrival order. */
export interface SeenRequest {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
}

export interface Origin {
  name: string;
  url: URL;
  seen: SeenRequest[];
  /** How many requests reached this origin whose URL starts with `prefix`. */
  count: (prefix?: string) => number;
  /** Stops accepting and drops open connections: the instance is dead. */
  kill: () => Promise<void>;
  /** Listens again on the same port after kill(). */
  revive: () => Promise<void>;
}

export type OriginHandler = (req: IncomingMessage, res: ServerResponse, origin: Origin) => void;

/** The default answer: JSON naming the origin and echoing what it got, cacheable for a minute. */
export const echoHandler: OriginHandler = (req, res, origin) => {
  res.setHeader('content-type', 'application/json');
  if (!res.hasHeader('cache-control')) res.setHeader('cache-control', 'public, max-age=60');
  res.end(JSON.stringify({ origin: origin.name, method: req.method, url: req.url, headers: req.headers, n: origin.seen.length }));
};

const listen = (server: http.Server, port: number) =>
  new Promise<number>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      server.off('error', reject);
      resolve((server.address() as AddressInfo).port);
    });
  });

/** A real HTTP origin on a loopback port that counts what it receives. */
export async function startOrigin(name: string, handler: OriginHandler = echoHandler): Promise<Origin> {
  const seen: SeenRequest[] = [];
  let server: http.Server;
  const create = () =>
    http.createServer((req, res) => {
      seen.push({ method: req.method ?? 'GET', url: req.url ?? '/', headers: req.headers });
      // the body is not needed, but must be read for the connection to be reused
      req.resume();
      handler(req, res, origin);
    });
  server = create();
  const port = await listen(server, 0);
  const origin: Origin = {
    name,
    url: new URL(`http://127.0.0.1:${port}`),
    seen,
    count: (prefix = '') => seen.filter((r) => r.url.startsWith(prefix)).length,
    async kill() {
      if (!server.listening) return;
      const closed = new Promise((resolve) => server.close(resolve));
      server.closeAllConnections();
      await closed;
    },
    async revive() {
      if (server.listening) return;
      server = create();
      await listen(server, port);
    },
  };
  return origin;
}
