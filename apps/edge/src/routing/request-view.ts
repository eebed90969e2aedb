import type { IncomingHttpHeaders } from 'node:http';

/**
 * What rules look at in a request. The host, cookies and query parameters are worked out
 * only when a rule asks for them, and at most once: most requests match on the path alone.
 */
export class RequestView {
  #cookies?: Map<string, string>;
  #params?: URLSearchParams;
  #host?: string;

  constructor(
    readonly method: string,
    /** Path without query. */
    readonly path: string,
    /** Raw query without '?', '' when absent. */
    readonly query: string,
    readonly headers: IncomingHttpHeaders,
  ) {}

  /** The Host header without its port, lower-cased; worked out when a rule first asks. */
  get host(): string {
    if (this.#host === undefined) {
      const host = this.headers.host ?? '';
      const colon = host.lastIndexOf(':');
      // a bracketed IPv6 literal has colons of its own; only a trailing :port is cut
      this.#host = (colon > host.lastIndexOf(']') ? host.slice(0, colon) : host).toLowerCase();
    }
    return this.#host;
  }

  static of(method: string, url: string, headers: IncomingHttpHeaders): RequestView {
    const mark = url.indexOf('?');
    return mark === -1 ? new RequestView(method, url, '', headers) : new RequestView(method, url.slice(0, mark), url.slice(mark + 1), headers);
  }

  cookie(name: string): string | undefined {
    if (!this.#cookies) {
      this.#cookies = new Map();
      const header = this.headers.cookie;
      if (header) {
        for (const pair of header.split(';')) {
          const eq = pair.indexOf('=');
          if (eq === -1) continue;
          const key = pair.slice(0, eq).trim();
          // the first of two same-named cookies wins, as in browsers' ordering (most specific path first)
          if (!this.#cookies.has(key)) this.#cookies.set(key, pair.slice(eq + 1).trim());
        }
      }
    }
    return this.#cookies.get(name);
  }

  param(name: string): string | undefined {
    if (this.query === '') return undefined;
    this.#params ??= new URLSearchParams(this.query);
    return this.#params.get(name) ?? undefined;
  }

  header(name: string): string | undefined {
    const value = this.headers[name];
    return Array.isArray(value) ? value.join(', ') : value;
  }
}
