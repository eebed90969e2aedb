import { can, type OperatorCapability, type StaffAccount } from '@hatago/identity';
import { html, type SafeHtml } from '@hatago/platform/html';
import { renderConsolePage } from '@hatago/web-kit';
import { AUDIT_DETAIL_CSS } from './audit-detail.ts';

export const OPERATOR_SHELL = {
  brand: 'Hatago Operator Console',
  brandHref: '/operator/',
  basePath: '/operator',
  lang: 'en' as const,
  css: `label.check{display:flex;gap:.5rem;align-items:center}${AUDIT_DETAIL_CSS}`,
};

/** The console's sections, each shown to the roles that may open it. */
const SECTIONS: Array<{ href: string; label: string; capability: OperatorCapability }> = [
  { href: '/operator/reservations', label: 'Reservations', capability: 'reservations.read' },
  { href: '/operator/mail', label: 'Mail', capability: 'mail.read' },
  { href: '/operator/banners', label: 'Banners', capability: 'banners.edit' },
  { href: '/operator/flags', label: 'Flags', capability: 'flags.read' },
  { href: '/operator/accounts', label: 'Accounts', capability: 'accounts.manage' },
  { href: '/operator/api-tokens', label: 'API tokens', capability: 'api_tokens.manage' },
  { href: '/operator/sre', label: 'SRE', capability: 'sre.read' },
  { href: '/operator/incidents', label: 'Incidents', capability: 'incidents.read' },
  { href: '/operator/audit', label: 'Audit log', capability: 'audit.read' },
  { href: '/operator/traces', label: 'Traces', capability: 'traces.read' },
];

/** Where signing in lands: the first section the operator's role may open. */
export const homeOf = (staff: StaffAccount): string => SECTIONS.find((section) => can(staff, section.capability))?.href ?? '/operator/login';

/** Every console page: the shared shell with navigation for the signed-in operator. */
export function operatorPage(staff: StaffAccount, title: string, body: SafeHtml, css = ''): string {
  return renderConsolePage(css ? { ...OPERATOR_SHELL, css: OPERATOR_SHELL.css + css } : OPERATOR_SHELL, staff, {
    title,
    nav: html`${SECTIONS.filter((section) => can(staff, section.capability)).map((section) => html`<a href="${section.href}">${section.label}</a>`)}`,
    body,
  });
}
