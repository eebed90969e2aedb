import type { StaffAccount } from '@hatago/identity';
import { html, type SafeHtml } from '@hatago/platform/html';
import { renderPage } from '@hatago/web-kit';
import { hasRole } from '../authorize.ts';

export const OPERATOR_SHELL = { brand: 'Hatago Operator Console', brandHref: '/operator/', lang: 'en' as const };

const CSS = `
.nav-user{color:var(--muted);font-size:.9rem}
.nav-user form{display:inline}
.nav-user button{padding:.2rem .6rem;font-size:.85rem}
dl.facts{display:grid;grid-template-columns:max-content 1fr;gap:.25rem 1rem;margin:0}
dl.facts dt{color:var(--muted)}
dl.facts dd{margin:0}
.status-cancelled{color:var(--danger);font-weight:600}
.status-confirmed{color:var(--ok);font-weight:600}
label.check{display:flex;gap:.5rem;align-items:center}
textarea{min-height:5rem}
`;

/** Every console page: the shared shell with navigation for the signed-in operator. */
export function operatorPage(staff: StaffAccount, title: string, body: SafeHtml): string {
  return renderPage({
    ...OPERATOR_SHELL,
    title: `${title} — Hatago Operator Console`,
    css: CSS,
    nav: html`<a href="/operator/reservations">Reservations</a>${
      hasRole(staff, 'admin') ? html`<a href="/operator/audit">Audit log</a>` : ''
    }<span class="nav-user">${staff.name} (${staff.role}) <form method="post" action="/operator/logout"><button class="secondary" type="submit">Sign out</button></form></span>`,
    body,
  });
}
