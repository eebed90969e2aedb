import http from 'node:http';
import type { AddressInfo } from 'node:net';
import net from 'node:net';
import { Writable } from 'node:stream';
import { createLogger } from '@hatago/platform/logging';
import { createEdgeServer, type EdgeServer, type EdgeServerOptions } from '../../src/edge-server.ts';

/** Test origins and edges on loopback port 0, for the edge's own tests. */

export const listen = (server: http.Server) =>
  new Promise<string>((resolve) => server.listen(0, '127.0.0.1', () => resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}`)));

export async function closeAll(...servers: Array<http.Server | undefined>) {
  for (const server of servers) {
    if (!server?.listening) continue;
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
}

/** What an echo origin reports about the request it received. */
export interface Echo {
  backend: string;
  url: string;
  method: string;
  headers: Record<string, string>;
  body: string;
}

/**
 * A real origin that answers with what it received, so a test sees what crossed the edge.
 * `ready` drives its /readyz; `requests` counts everything but probes and the flag feed's polls.
 */
export function echoOrigin(name: string) {
  const state = { ready: true, requests: 0 };
  const server = http.createServer((req, res) => {
    if (req.url === '/readyz') {
      res.statusCode = state.ready ? 200 : 503;
      return res.end();
    }
    // the flag feed Hatago's rules read (polled every second): not a request a test made, and no flags here
    if (req.url === '/internal/flags') {
      res.statusCode = 404;
      return res.end();
    }
    state.requests++;
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      res.setHeader('content-type', 'application/json');
      res.setHeader('connection', 'keep-alive, x-origin-private');
      res.setHeader('x-origin-private', 'hop');
      res.setHeader('x-powered-by', 'origin-framework');
      res.end(JSON.stringify({ backend: name, url: req.url, method: req.method, headers: req.headers, body: Buffer.concat(chunks).toString() }));
    });
  });
  return Object.assign(state, { server, name });
}

export type EchoOrigin = ReturnType<typeof echoOrigin>;

export const echoOf = async (res: Response) => (await res.json()) as Echo;

/** A port nothing listens on (bound, then closed). */
export async function deadUrl(): Promise<string> {
  const dead = http.createServer();
  const url = await listen(dead);
  await closeAll(dead);
  return url;
}

/** Collects access log lines. */
export function lineCollector() {
  const lines: Array<Record<string, unknown>> = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString().split('\n')) if (line) lines.push(JSON.parse(line) as Record<string, unknown>);
      done();
    },
  });
  return { lines, stream };
}

export interface RunningEdge extends EdgeServer {
  url: string;
  adminUrl?: string;
}

export async function startEdge(options: Omit<EdgeServerOptions, 'logger'> & { logger?: EdgeServerOptions['logger'] }): Promise<RunningEdge> {
  const edge = createEdgeServer({ logger: createLogger('edge-test', 'silent'), accessLog: false, ...options });
  const url = await listen(edge.server);
  const adminUrl = edge.adminServer ? await listen(edge.adminServer) : undefined;
  return Object.assign(edge, { url, ...(adminUrl ? { adminUrl } : {}) });
}

/** Writes exact bytes on a fresh connection and returns everything the edge sent back before closing. */
export function rawRequest(url: string, bytes: string): Promise<string> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const socket = net.connect(Number(port), hostname, () => socket.write(bytes));
    let received = '';
    socket.on('data', (chunk) => (received += chunk.toString('latin1')));
    socket.on('end', () => resolve(received));
    socket.on('error', (error: NodeJS.ErrnoException) => (error.code === 'ECONNRESET' ? resolve(received) : reject(error)));
  });
}

/** Polls a condition (bounded), for states only observable by looking, e.g. a pool after a probe. */
export async function until(condition: () => boolean, what: string, attempts = 400) {
  for (let i = 0; i < attempts; i++) {
    if (condition()) return;
    await new Promise((resolve) => setImmediate(resolve));
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error(`gave up waiting for ${what}`);
}
