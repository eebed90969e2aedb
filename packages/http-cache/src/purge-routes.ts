import type { IncomingMessage } from 'node:http';
import { sendJson } from '@hatago/platform/http';
import type { AdminMount } from './edge-exchange.ts';

export type PurgeCommand =
  | { kind: 'key'; keys: string[]; soft: boolean }
  | { kind: 'url'; urls: string[]; soft: boolean }
  | { kind: 'all'; soft: boolean };

export interface Purger {
  purge(command: PurgeCommand): number;
}

/**
 * The purge API on the admin listener (behind its bearer token), with the same paths the
 * compiled VCL answers, so one client and one behaviour suite serve both runtimes:
 * - `POST /purge/key/<surrogate-key>`: every response tagged with that key;
 * - `POST /purge/url/<path?query>`: the response(s) for that URL, its query normalised as its route keys it;
 * - `POST /purge/all`.
 * `?soft=1` (key, all) or `Soft-Purge: 1` (any) marks entries stale instead of removing them,
 * so they are still served under stale-while-revalidate / stale-if-error while refetched.
 * Answers `{"purged": <entries>}`.
 */
export function mountPurgeRoutes(admin: AdminMount, purger: Purger): void {
  const soft = (req: IncomingMessage, url: URL) => url.searchParams.get('soft') === '1' || req.headers['soft-purge'] === '1';
  admin.add('POST', '/purge/key/*', (req, res, url) => {
    const key = decodeURIComponent(url.pathname.slice('/purge/key/'.length));
    if (key === '' || /\s/.test(key)) return sendJson(res, 400, { type: 'about:blank', status: 400, title: 'Bad Request', detail: 'One surrogate key per request.' });
    sendJson(res, 200, { purged: purger.purge({ kind: 'key', keys: [key], soft: soft(req, url) }) });
  });
  admin.add('POST', '/purge/url/*', (req, res) => {
    // the raw request target, so the purged URL's own query survives untouched
    const target = (req.url ?? '').slice('/purge/url'.length);
    sendJson(res, 200, { purged: purger.purge({ kind: 'url', urls: [target], soft: req.headers['soft-purge'] === '1' }) });
  });
  admin.add('POST', '/purge/all', (req, res, url) => {
    sendJson(res, 200, { purged: purger.purge({ kind: 'all', soft: soft(req, url) }) });
  });
}
