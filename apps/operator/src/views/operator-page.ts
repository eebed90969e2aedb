import type { StaffAccount } from '@hatago/identity';
import { html, type SafeHtml } from '@hatago/platform/html';
import { renderConsolePage } from '@hatago/web-kit';
import { hasRole } from '@hatago/identity';

export const OPERATOR_SHELL = {
  brand: 'Hatago Operator Console',
  brandHref: '/operator/',
  basePath: '/operator',
  lang: 'en' as const,
  css: 'label.check{display:flex;gap:.5rem;align-items:center}',
};

/** Every console page: the shared shell with navigation for the signed-in operator. */
export function operatorPage(staff: StaffAccount, title: string, body: SafeHtml, css = ''): string {
  return renderConsolePage(css ? { ...OPERATOR_SHELL, css: OPERATOR_SHELL.css + css } : OPERATOR_SHELL, staff, {
    title,
    nav: html`<a href="/operator/reservations">Reservations</a><a href="/operator/mail">Mail</a><a href="/operator/sre">SRE</a><a href="/operator/incidents">Incidents</a>${hasRole(staff, 'admin') ? html`<a href="/operator/audit">Audit log</a>` : ''}`,
    body,
  });
}
