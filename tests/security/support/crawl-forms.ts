import type { HttpApp } from '@hatago/platform/http';
import { FORM, SAME_SITE, urlEncode } from './apps-under-attack.ts';
import type { FuzzCase } from './openapi-cases.ts';

const unescape = (value: string) =>
  value.replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
const attribute = (tag: string, name: string) => {
  const found = tag.match(new RegExp(`\\b${name}="([^"]*)"`));
  return found ? unescape(found[1]!) : undefined;
};
/** One shape per route: ids and codes vary, the route does not. */
const shapeOf = (path: string) => path.split('?')[0]!.replace(/[^/]*\d[^/]*/g, ':id');
/** A link's route and which query parameters it sets: links differing only in values add nothing. */
const linkKeyOf = (url: string) => `${shapeOf(url)}?${[...new URLSearchParams(url.split('?')[1] ?? '').keys()].sort()}`;
const NOT_FUZZED = /\/logout$/;

interface Form {
  method: 'GET' | 'POST';
  action: string;
  fields: Record<string, string>;
}

function formsIn(page: string, pageUrl: string, known: Record<string, string>): Form[] {
  return [...page.matchAll(/<form\b([^>]*)>([\s\S]*?)<\/form>/g)].map(([, tag, inner]) => {
    const fields: Record<string, string> = {};
    for (const [control] of inner!.matchAll(/<(?:input|select|textarea)\b[^>]*>/g)) {
      const name = attribute(control, 'name');
      const shown = control.startsWith('<select') ? inner!.match(/<option value="([^"]*)"/)?.[1] : attribute(control, 'value');
      if (name) fields[name] = shown || known[name] || 'x';
    }
    return { method: attribute(tag!, 'method')?.toUpperCase() === 'POST' ? 'POST' : 'GET', action: attribute(tag!, 'action') ?? pageUrl.split('?')[0]!, fields };
  });
}

interface CrawlOptions {
  start: string[];
  prefix: string;
  cookie?: string;
  /** Values for empty fields, so a submitted form gets somewhere (a real code and email). */
  known?: Record<string, string>;
  maxPages: number;
}

/**
 * Walks an app's pages from `start` as `cookie`'s browser would, following its own links
 * under `prefix` and submitting each posting form once (some forms only appear after
 * another, like a reservation's cancel button after the look-up), and returns a fuzz
 * case for every field of every form it finds, every query parameter of every link, and
 * the last path segment of every route.
 */
export async function crawlCases(app: HttpApp, options: CrawlOptions): Promise<FuzzCase[]> {
  const headers = { ...(options.cookie ? { cookie: options.cookie } : {}), ...SAME_SITE };
  const queue = [...options.start];
  const forms = new Map<string, Form>();
  const links = new Map<string, string>();
  const unsubmitted: Form[] = [];
  const read = (page: { headers: Record<string, unknown>; body: string }, url: string) => {
    if (!String(page.headers['content-type']).startsWith('text/html')) return;
    for (const form of formsIn(page.body, url, options.known ?? {})) {
      const key = `${form.method} ${shapeOf(form.action)} ${Object.keys(form.fields).sort()}`;
      if (NOT_FUZZED.test(form.action) || forms.has(key)) continue;
      forms.set(key, form);
      if (form.method === 'POST') unsubmitted.push(form);
    }
    for (const [, href] of page.body.matchAll(/href="([^"]*)"/g)) {
      const next = unescape(href!);
      if (next.startsWith(options.prefix) && !next.startsWith('//')) queue.push(next);
    }
  };
  while ((queue.length || unsubmitted.length) && links.size < options.maxPages) {
    const form = unsubmitted.shift();
    if (form) {
      read(await app.inject({ method: 'POST', url: form.action, headers: { ...headers, ...FORM }, payload: encodeFields(form.fields) }), form.action);
      continue;
    }
    const url = queue.shift()!;
    if (links.has(linkKeyOf(url))) continue;
    links.set(linkKeyOf(url), url);
    read(await app.inject({ url, headers }), url);
  }
  return [...[...forms.values()].flatMap((form) => formCases(form, headers)), ...[...links.values()].flatMap((url) => linkCases(url, headers))];
}

const encodeFields = (fields: Record<string, string>) => Object.entries(fields).map(([k, v]) => `${urlEncode(k)}=${urlEncode(v)}`).join('&');

function formCases(form: Form, headers: Record<string, string>): FuzzCase[] {
  return Object.keys(form.fields).map((name) => ({
    label: `${form.method} ${form.action} form field ${name}`,
    request: (value) => {
      const fields = encodeFields({ ...form.fields, [name]: value });
      return form.method === 'GET'
        ? { method: 'GET', url: `${form.action}?${fields}`, headers }
        : { method: 'POST', url: form.action, headers: { ...headers, ...FORM }, payload: fields };
    },
  }));
}

function linkCases(url: string, headers: Record<string, string>): FuzzCase[] {
  const [path, query = ''] = url.split('?') as [string, string?];
  const params = [...new URLSearchParams(query).keys()];
  const segment: FuzzCase = {
    label: `GET ${shapeOf(path)} last path segment`,
    request: (value) => ({ method: 'GET', url: `${path.replace(/[^/]*$/, '')}${urlEncode(value)}${query ? `?${query}` : ''}`, headers }),
  };
  return [
    segment,
    ...params.map((name) => ({
      label: `GET ${shapeOf(path)} query ${name}`,
      request: (value: string) => {
        const values = Object.fromEntries(new URLSearchParams(query));
        return { method: 'GET' as const, url: `${path}?${encodeFields({ ...values, [name]: value })}`, headers };
      },
    })),
  ];
}
