import type { StaffAccount } from '@hatago/identity';
import { html, type SafeHtml } from '@hatago/platform/html';
import { type PageShell, renderPage } from './page-shell.ts';

/** Look shared by the staff consoles: facts lists, statuses, the signed-in user in the header. */
const CONSOLE_CSS = `
.nav-user{color:var(--muted);font-size:.9rem}
.nav-user form{display:inline}
.nav-user button{padding:.2rem .6rem;font-size:.85rem}
dl.facts{display:grid;grid-template-columns:max-content 1fr;gap:.25rem 1rem;margin:0}
dl.facts dt{color:var(--muted)}
dl.facts dd{margin:0;overflow-wrap:anywhere}
@media (max-width:40rem){dl.facts{grid-template-columns:minmax(0,1fr)}dl.facts dd{margin-bottom:.4rem}}
.status-cancelled{color:var(--danger);font-weight:600}
.status-confirmed{color:var(--ok);font-weight:600}
textarea{min-height:5rem}
`;

export interface ConsoleShell extends Pick<PageShell, 'brand' | 'brandHref' | 'lang'> {
  /** Where the console lives, e.g. `/facility`; sign-out posts there. */
  basePath: string;
  /** The console's own additions to the shared look. */
  css?: string;
}

/** A staff console page: the console's navigation, then who is signed in and a sign-out button. */
export function renderConsolePage(shell: ConsoleShell, staff: StaffAccount, page: { title: string; nav: SafeHtml; body: SafeHtml }): string {
  return renderPage({
    brand: shell.brand,
    brandHref: shell.brandHref,
    lang: shell.lang,
    title: `${page.title} — ${shell.brand}`,
    css: CONSOLE_CSS + (shell.css ?? ''),
    nav: html`${page.nav}<span class="nav-user">${staff.name}${staff.role ? ` (${staff.role})` : ''} <form method="post" action="${shell.basePath}/logout"><button class="secondary" type="submit">Sign out</button></form></span>`,
    body: page.body,
  });
}
