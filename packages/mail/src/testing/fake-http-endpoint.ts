import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ReceivedRequest {
  method: string;
  path: string;
  headers: http.IncomingHttpHeaders;
  body: string;
}

/** What the endpoint does with a request: answer it, or hold it open until released or destroyed. */
export type Reaction = { status: number; headers?: Record<string, string>; body?: string } | 'hold';

/**
 * A real HTTP server on loopback standing in for SendGrid or Slack, which cannot be reached
 * from here: it records every request exactly as received and answers as the test scripts.
 */
export class FakeHttpEndpoint {
  readonly requests: ReceivedRequest[] = [];
  readonly held: Array<{ request: ReceivedRequest; response: http.ServerResponse }> = [];
  private readonly server: http.Server;
  url = '';

  constructor(private react: (request: ReceivedRequest, index: number) => Reaction) {
    this.server = http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const request = { method: req.method ?? '', path: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks).toString('utf8') };
        const index = this.requests.push(request) - 1;
        const reaction = this.react(request, index);
        if (reaction === 'hold') {
          this.held.push({ request, response: res });
          return;
        }
        res.writeHead(reaction.status, reaction.headers ?? {}).end(reaction.body ?? '');
      });
    });
  }

  static async start(react: (request: ReceivedRequest, index: number) => Reaction): Promise<FakeHttpEndpoint> {
    const endpoint = new FakeHttpEndpoint(react);
    await new Promise<void>((resolve) => endpoint.server.listen(0, '127.0.0.1', resolve));
    endpoint.url = `http://127.0.0.1:${(endpoint.server.address() as AddressInfo).port}`;
    return endpoint;
  }

  script(react: (request: ReceivedRequest, index: number) => Reaction): void {
    this.react = react;
  }

  async close(): Promise<void> {
    for (const { response } of this.held) response.destroy();
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}

/**
 * Waits for observable state (rows, requests) to reach a condition, checking every few
 * milliseconds; the limit only turns a hang into a clear failure.
 */
export async function waitUntil<T>(
  what: string | (() => string),
  probe: () => Promise<T | undefined | false> | T | undefined | false,
  limitMs = 60_000,
): Promise<T> {
  const deadline = Date.now() + limitMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting until ${typeof what === 'string' ? what : what()}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
