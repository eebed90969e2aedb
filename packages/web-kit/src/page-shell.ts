import { html, type SafeHtml, trusted } from '@hatago/platform/html';
import type { Problem } from '@hatago/platform/http';
import { BASE_CSS } from './base-css.ts';

export interface PageShell {
  title: string;
  lang: 'ja' | 'en';
  /** Brand line shown top left, e.g. "Hatago" or "Hatago Facility Console". */
  brand: string;
  brandHref: string;
  nav?: SafeHtml;
  body: SafeHtml;
  /** Extra CSS for one app's look, appended to the shared base. */
  css?: string;
  /** Same-origin scripts that improve the page; it works without them (the CSP allows only 'self'). */
  scripts?: readonly string[];
}

/** The HTML document every page of every app is rendered into. */
export function renderPage(page: PageShell): string {
  return html`<!doctype html>
<html lang="${page.lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${page.title}</title>
<style>${trusted(BASE_CSS)}${trusted(page.css ?? '')}</style>
${(page.scripts ?? []).map((src) => html`<script src="${src}" defer></script>`)}
</head>
<body>
<header class="site-header"><a class="brand" href="${page.brandHref}">${page.brand}</a><nav>${page.nav}</nav></header>
<main>${page.body}</main>
<footer class="site-footer">Hatago</footer>
</body>
</html>`.value;
}

/** A friendly error page that shows the request and trace ids, so support can find the request, and what was wrong with which field. */
export function renderErrorPage(problem: Problem, shell: Pick<PageShell, 'brand' | 'brandHref' | 'lang' | 'css'>): string {
  const heading = problem.status === 404 ? 'We could not find that page' : problem.status >= 500 ? 'Something went wrong' : problem.title;
  return renderPage({
    ...shell,
    title: `${problem.status} ${problem.title}`,
    body: html`<section class="error-page">
  <h1>${heading}</h1>
  <p>${problem.status >= 500 ? 'Please try again in a moment.' : problem.detail}</p>
  ${problem.errors?.length ? html`<ul class="alert">${problem.errors.map((e) => html`<li>${e.field}: ${e.message}</li>`)}</ul>` : ''}
  <p class="request-id">Request ID: <code>${problem.requestId}</code>${problem.traceId ? html`<br>Trace ID: <code>${problem.traceId}</code>` : ''}</p>
  <p><a href="${shell.brandHref}">Back to the start</a></p>
</section>`,
  });
}
