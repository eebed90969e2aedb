import http, { type IncomingHttpHeaders, type OutgoingHttpHeaders } from 'node:http';
import { after, before } from 'node:test';
import { echoHandler, type Origin, type OriginHandler, startOrigin } from '../harness/origin.ts';
import { behaviourRules } from './behaviour-rules.ts';
import type { EdgeTarget, EdgeUnderTest } from './edge-targets.ts';

/**
 * What the files of the behaviour suite share: the requests they make, the origins that
 * answer them (tagging, cacheability and cookies by path, like the guest app does) and the
 * edge under test, started before a file's cases and stopped after them.
 */

export const TOKEN = 'behaviour-suite-token';
export const REQUEST_ID = /^[A-Za-z0-9._-]{1,64}$/;

export interface Answer {
  status: number;
  headers: IncomingHttpHeaders;
  text: string;
}

/** What the echo origin says it received. */
export interface Echo {
  origin: string;
  method: string;
  url: string;
  headers: Record<string, string>;
}

/**
 * A plain HTTP/1.1 request (no fetch: the suite sets Host and reads every header as sent).
 * A body goes with its Content-Length, or `chunked` without one.
 */
export function request(base: string, path: string, options: { method?: string; headers?: OutgoingHttpHeaders; body?: Buffer; chunked?: boolean } = {}): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = http.request(`${base}${path}`, { method: options.method ?? 'GET', headers: options.headers ?? {}, agent: false }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (text += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, text }));
      res.on('error', reject);
    });
    req.on('error', reject);
    if (options.body !== undefined && options.chunked) req.write(options.body);
    req.end(options.chunked ? undefined : options.body);
  });
}

/** A GET that also collects the interim (1xx) responses before the final one. */
export function requestWithInterim(base: string, path: string): Promise<Answer & { interim: Array<{ status: number; link?: string }> }> {
  return new Promise((resolve, reject) => {
    const interim: Array<{ status: number; link?: string }> = [];
    const req = http.get(`${base}${path}`, { agent: false }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (text += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, text, interim }));
      res.on('error', reject);
    });
    req.on('information', (info) => interim.push(info.headers.link === undefined ? { status: info.statusCode } : { status: info.statusCode, link: String(info.headers.link) }));
    req.on('error', reject);
  });
}

export const echoOf = (answer: Answer) => JSON.parse(answer.text) as Echo;

/** Asks until `done` holds (an instance leaving or rejoining a pool is timed by probes, not by the test). */
export async function until<T>(what: string, attempt: () => Promise<T>, done: (value: T) => boolean, deadlineMs = 15_000): Promise<T> {
  const deadline = Date.now() + deadlineMs;
  for (;;) {
    const value = await attempt();
    if (done(value)) return value;
    if (Date.now() > deadline) throw new Error(`${what}: not within ${deadlineMs} ms; last: ${JSON.stringify(value)}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** The suite's origins: tagging, cacheability and cookies by path, like the guest app does. */
const suiteOrigin: OriginHandler = (req, res, origin) => {
  const path = (req.url ?? '/').split('?')[0]!;
  if (path === '/readyz') {
    res.end('ready');
    return;
  }
  res.setHeader('x-powered-by', 'origin-framework');
  const hotel = /^\/hotels\/([0-9]+)$/.exec(path);
  if (hotel) {
    res.setHeader('cache-control', 'public, max-age=60');
    res.setHeader('surrogate-key', `hotel-${hotel[1]} hotels`);
  } else if (path.startsWith('/images/')) {
    // as the guest image route answers: immutable, one variant per Accept
    res.setHeader('cache-control', 'public, max-age=31536000, immutable');
    res.setHeader('vary', 'Accept');
  } else if (path === '/catalogue/auth-public' || path.startsWith('/catalogue/ranged') || path.startsWith('/catalogue/head-') || path.startsWith('/documents/')) {
    res.setHeader('cache-control', 'public, max-age=60');
  } else if (path === '/catalogue/auth-plain') {
    // shareable for an anonymous request; for an Authorization one, not without public, s-maxage or must-revalidate
    res.setHeader('cache-control', 'max-age=60');
  } else if (path === '/catalogue/cookie' || path.startsWith('/shared/')) {
    res.setHeader('cache-control', 'public, max-age=60');
    res.setHeader('set-cookie', 'session=abc; Path=/');
  } else if (path === '/catalogue/repeated') {
    // each field on two lines, as some frameworks send them: one list each (RFC 9110 §5.3)
    res.setHeader('cache-control', ['public', 'max-age=60']);
    res.setHeader('vary', ['Accept-Language', 'X-Device']);
  } else if (path === '/catalogue/shouting') {
    res.setHeader('cache-control', 'PUBLIC, MAX-AGE=60');
  } else if (path === '/catalogue/shouting-no-store') {
    res.setHeader('cache-control', 'NO-STORE');
  } else if (path.startsWith('/catalogue/expires-')) {
    // an hour ahead, in the form the path names; an ETag keeps even an expired answer storable
    const at = new Date(Date.now() + 3_600_000);
    const forms: Record<string, string> = { http: at.toUTCString(), iso: at.toISOString(), number: String(Math.floor(at.getTime() / 1000)) };
    res.setHeader('expires', forms[path.slice('/catalogue/expires-'.length)] ?? 'soon');
    res.setHeader('etag', '"e"');
    res.setHeader('cache-control', 'public');
  } else if (path === '/catalogue/aged') {
    // as if from a cache upstream that has held it for 30 s
    res.setHeader('age', '30');
  } else if (path === '/catalogue/small') {
    res.writeHead(200, { 'content-type': 'text/plain', 'content-length': '5', 'cache-control': 'public, max-age=60' }).end('small');
    return;
  } else if (path === '/catalogue/purged-by-key') {
    // as Hatago's guest pages (purgedByKeyHeaders): browsers revalidate every time, the edge keeps it until purged or a minute
    res.setHeader('cache-control', 'public, max-age=0, must-revalidate');
    res.setHeader('hatago-cache-control', 'public, max-age=60, stale-while-revalidate=30');
    res.setHeader('surrogate-key', 'hotel-7 banners');
  } else if (path.startsWith('/catalogue/targeted-')) {
    // browsers always ask again, the edge keeps it a minute (RFC 9213); a refusing or invalid targeted field in the others
    res.setHeader('cache-control', 'public, max-age=0');
    const targeted: Record<string, Record<string, string | string[]>> = {
      '/catalogue/targeted-cdn': { 'cdn-cache-control': 'max-age=60' },
      '/catalogue/targeted-own': { 'cdn-cache-control': 'no-store', 'hatago-cache-control': 'max-age=60, must-revalidate=?1' },
      '/catalogue/targeted-refused': { 'cdn-cache-control': 'max-age=60', 'hatago-cache-control': 'no-store' },
      '/catalogue/targeted-invalid': { 'cdn-cache-control': 'Max-Age=60' },
      // one dictionary on two lines (RFC 9110 §5.3): the lifetime is on the second
      '/catalogue/targeted-lines': { 'hatago-cache-control': ['must-revalidate', 'max-age=60'] },
    };
    for (const [name, value] of Object.entries(targeted[path] ?? {})) res.setHeader(name, value);
  } else if (path === '/catalogue/unasked-304') {
    // a broken origin: Not Modified whatever it is asked (RFC 9111 §4.3.4)
    res.writeHead(304, { etag: '"u"', 'cache-control': 'public, max-age=60' }).end();
    return;
  } else if (path === '/catalogue/private') {
    res.setHeader('cache-control', 'private, max-age=60');
  } else if (path.startsWith('/catalogue/flaky')) {
    // a healthy instance that fails these pages on request (the probe still passes)
    if (req.headers['x-fail'] === 'yes') {
      res.writeHead(500, { 'content-type': 'text/plain' }).end('broken');
      return;
    }
    // fresh for a second and never served stale while refreshing; should a refresh fail, stale for five
    // minutes, or without the origin's word for the route's grace (60 s)
    const ifError = path === '/catalogue/flaky' ? ', stale-if-error=300' : '';
    res.setHeader('cache-control', `public, max-age=1, stale-while-revalidate=0${ifError}`);
  } else if (path.endsWith('/early')) {
    // a framework that reports progress and hints a stylesheet before it has the page
    res.writeProcessing();
    res.writeEarlyHints({ link: '</style.css>; rel=preload; as=style' });
  } else if (path.startsWith('/slow/')) {
    // longer than the slow backend's first-byte timeout
    setTimeout(() => echoHandler(req, res, origin), 1500);
    return;
  }
  echoHandler(req, res, origin);
};

export type SuiteOrigins = Record<'appA' | 'appB' | 'canary' | 'console' | 'fragile' | 'slow', Origin>;

/** Starts the suite's origins and the edge before the calling describe's cases, and stops them after. */
export function behaviourEdge(target: EdgeTarget) {
  const origins = {} as SuiteOrigins;
  const suite = {
    origins,
    edge: undefined as unknown as EdgeUnderTest,
    get: (path: string, headers: OutgoingHttpHeaders = {}) => request(suite.edge.base, path, { headers }),
    /** Requests for this path (and query) that reached any instance. */
    originCount: (url: string) => Object.values(origins).reduce((sum, origin) => sum + origin.seen.filter((seen) => seen.url === url).length, 0),
  };
  before(async () => {
    origins.appA = await startOrigin('app-a', suiteOrigin);
    origins.appB = await startOrigin('app-b', suiteOrigin);
    origins.canary = await startOrigin('canary', suiteOrigin);
    origins.console = await startOrigin('console', suiteOrigin);
    origins.fragile = await startOrigin('fragile', suiteOrigin);
    origins.slow = await startOrigin('slow', suiteOrigin);
    const instances = {
      app: [origins.appA.url.href, origins.appB.url.href],
      canary: [origins.canary.url.href],
      console: [origins.console.url.href],
      fragile: [origins.fragile.url.href],
      slow: [origins.slow.url.href],
    };
    suite.edge = await target.start(behaviourRules, instances, TOKEN);
  });
  after(async () => {
    await suite.edge?.stop();
    for (const origin of Object.values(origins)) await origin.kill();
  });
  return suite;
}
