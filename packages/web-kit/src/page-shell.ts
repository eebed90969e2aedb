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
  /** What the footer holds (links every page offers); the brand alone without it. */
  footer?: SafeHtml;
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
<footer class="site-footer">${page.footer ?? 'Hatago'}</footer>
</body>
</html>`.value;
}

/** The words of the error page, per language of the app showing it. */
export interface ErrorPageText {
  notFound: string;
  /** Shown instead of the detail for a 404: the detail names the path, in English. */
  notFoundDetail: string;
  failed: string;
  retry: string;
  requestId: string;
  traceId: string;
  back: string;
  /** The problem's own detail in this language (domain messages are written in English). */
  detail: (detail: string) => string;
}

export const ENGLISH_ERROR_PAGE: ErrorPageText = {
  notFound: 'We could not find that page',
  notFoundDetail: 'The address may be mistyped, or the page may have moved.',
  failed: 'Something went wrong',
  retry: 'Please try again in a moment.',
  requestId: 'Request ID',
  traceId: 'Trace ID',
  back: 'Back to the start',
  detail: (detail) => detail,
};

/** A friendly error page that shows the request and trace ids, so support can find the request, and what was wrong with which field. */
export function renderErrorPage(problem: Problem, shell: Pick<PageShell, 'brand' | 'brandHref' | 'lang' | 'css' | 'footer'>, text: ErrorPageText = ENGLISH_ERROR_PAGE): string {
  const notFound = problem.status === 404;
  const heading = notFound ? text.notFound : problem.status >= 500 ? text.failed : problem.title;
  const detail = notFound ? text.notFoundDetail : problem.status >= 500 ? text.retry : text.detail(problem.detail ?? '');
  return renderPage({
    ...shell,
    title: `${problem.status} ${heading}`,
    body: html`<section class="error-page">
  <h1>${heading}</h1>
  <p>${detail}</p>
  ${problem.errors?.length ? html`<ul class="alert">${problem.errors.map((e) => html`<li>${e.field}: ${text.detail(e.message)}</li>`)}</ul>` : ''}
  <p class="request-id">${text.requestId}: <code>${problem.requestId}</code>${problem.traceId ? html`<br>${text.traceId}: <code>${problem.traceId}</code>` : ''}</p>
  <p><a href="${shell.brandHref}">${text.back}</a></p>
</section>`,
  });
}
