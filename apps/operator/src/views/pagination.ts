import { html, type SafeHtml } from '@hatago/platform/html';

/** Previous/next links that keep the current filter. */
export function pagination(path: string, form: Record<string, string>, page: number, pageSize: number, total: number): SafeHtml {
  const pages = Math.max(1, Math.ceil(total / pageSize));
  const link = (to: number, label: string) => {
    const query = new URLSearchParams(Object.entries({ ...form, page: String(to) }).filter(([, v]) => v !== ''));
    return html`<a class="button secondary" href="${path}?${query.toString()}">${label}</a>`;
  };
  return html`<nav class="pagination" aria-label="Pages">
  ${page > 1 ? link(page - 1, '← Previous') : ''}
  <span class="muted">Page ${page} of ${pages} · ${total} in all</span>
  ${page < pages ? link(page + 1, 'Next →') : ''}
</nav>`;
}
