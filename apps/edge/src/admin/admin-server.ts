import { timingSafeEqual } from 'node:crypto';
import http from 'node:http';
import type { AdminHandler, AdminMount } from '@hatago/http-cache';
import { sendJson } from '@hatago/platform/http';
import type { Logger } from '@hatago/platform/logging';

/**
 * Routes of the admin listener. The edge mounts /metrics and /health; the cache mounts its
 * purge routes. A path ending in '/*' matches everything below it.
 */
export class AdminRoutes implements AdminMount {
  readonly #exact = new Map<string, AdminHandler>();
  readonly #prefixes: Array<{ method: string; prefix: string; handler: AdminHandler }> = [];

  add(method: string, path: string, handler: AdminHandler) {
    if (path.endsWith('/*')) this.#prefixes.push({ method, prefix: path.slice(0, -1), handler });
    else this.#exact.set(`${method} ${path}`, handler);
  }

  find(method: string, path: string): AdminHandler | undefined {
    return this.#exact.get(`${method} ${path}`) ?? this.#prefixes.find((route) => route.method === method && path.startsWith(route.prefix))?.handler;
  }
}

/** The admin listener: every route behind `Authorization: Bearer <token>`, compared in constant time. */
export function createAdminServer(routes: AdminRoutes, token: string, logger: Logger): http.Server {
  const expected = Buffer.from(`Bearer ${token}`);
  return http.createServer((req, res) => {
    const given = Buffer.from(req.headers.authorization ?? '');
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
      res.setHeader('www-authenticate', 'Bearer realm="hatago-edge-admin"');
      return sendJson(res, 401, { type: 'about:blank', status: 401, title: 'Unauthorized', detail: 'A valid bearer token is required.' });
    }
    const url = new URL(req.url ?? '/', 'http://admin');
    const handler = routes.find(req.method ?? 'GET', url.pathname);
    if (!handler) return sendJson(res, 404, { type: 'about:blank', status: 404, title: 'Not Found' });
    Promise.resolve()
      .then(() => handler(req, res, url))
      .catch((error: unknown) => {
        logger.error({ err: error, path: url.pathname }, 'admin route failed');
        if (!res.headersSent) sendJson(res, 500, { type: 'about:blank', status: 500, title: 'Internal Server Error' });
        else res.destroy();
      });
  });
}
