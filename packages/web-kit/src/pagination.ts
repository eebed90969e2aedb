import { html, type SafeHtml } from '@hatago/platform/html';

export interface PaginationLabels {
  previous: string;
  next: string;
  pageOf: (page: number, pages: number, total: number) => string;
}

const ENGLISH: PaginationLabels = {
  previous: '← Previous',
  next: 'Next →',
  pageOf: (page, pages, total) => `Page ${page} of ${pages} · ${total} in all`,
};

/** Previous/next links around "page N of M"; nothing when everything fits on one page. */
export function pagination(options: {
  page: number;
  pageSize: number;
  total: number;
  /** The URL of a page, keeping whatever filter produced this one. */
  link: (page: number) => string;
  labels?: PaginationLabels;
}): SafeHtml {
  const { page, pageSize, total, link } = options;
  const labels = options.labels ?? ENGLISH;
  const pages = Math.max(1, Math.ceil(total / pageSize));
  if (pages === 1 && page === 1) return html``;
  return html`<nav class="pagination" aria-label="Pages">
  ${page > 1 ? html`<a class="button secondary" rel="prev" href="${link(Math.min(page - 1, pages))}">${labels.previous}</a>` : ''}
  <span class="muted">${labels.pageOf(page, pages, total)}</span>
  ${page < pages ? html`<a class="button secondary" rel="next" href="${link(page + 1)}">${labels.next}</a>` : ''}
</nav>`;
}

/** A link to the same path with the form's non-empty fields and another page number. */
export function pageLinkWith(path: string, form: Record<string, string>): (page: number) => string {
  return (page) => `${path}?${new URLSearchParams(Object.entries({ ...form, page: String(page) }).filter(([, v]) => v !== ''))}`;
}
