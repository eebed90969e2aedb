import type { StaffAccount } from '@hatago/identity';
import { html, type SafeHtml } from '@hatago/platform/html';
import { renderPage } from '@hatago/web-kit';

export const FACILITY_SHELL = { brand: 'Hatago Facility Console', brandHref: '/facility/', lang: 'en' as const };

const CSS = `
.nav-user{color:var(--muted);font-size:.9rem}
.nav-user form{display:inline}
.nav-user button{padding:.2rem .6rem;font-size:.85rem}
dl.facts{display:grid;grid-template-columns:max-content 1fr;gap:.25rem 1rem;margin:0}
dl.facts dt{color:var(--muted)}
dl.facts dd{margin:0}
fieldset{border:1px solid var(--line);border-radius:4px;padding:.5rem .75rem}
fieldset label{display:inline-flex;gap:.3rem;align-items:center;margin-right:.6rem}
table.month td{height:4.5rem;width:14%;font-size:.85rem}
table.month .day{font-weight:600}
td.stop{background:#fbeeec}
td.unset{background:#f4f1ec;color:var(--muted)}
.status-cancelled{color:var(--danger);font-weight:600}
.status-confirmed{color:var(--ok);font-weight:600}
.actions{display:flex;gap:.75rem;flex-wrap:wrap;align-items:center}
textarea{min-height:5rem}
`;

/** Every console page: the shared shell with the console's navigation. */
export function facilityPage(staff: StaffAccount, title: string, body: SafeHtml): string {
  return renderPage({
    ...FACILITY_SHELL,
    title: `${title} — Hatago Facility Console`,
    css: CSS,
    nav: html`<a href="/facility/room-types">Room types</a><a href="/facility/plans">Plans &amp; prices</a><a href="/facility/inventory">Inventory</a><a href="/facility/reservations">Reservations</a><span class="nav-user">${staff.name} <form method="post" action="/facility/logout"><button class="secondary" type="submit">Sign out</button></form></span>`,
    body,
  });
}

/** The confirmation after a redirect; only a count travels in the URL, never text. */
export function savedNotice(query: unknown): SafeHtml {
  const saved = (query as { saved?: unknown } | undefined)?.saved;
  if (typeof saved !== 'string' || !/^\d{1,4}$/.test(saved)) return html``;
  return html`<p class="notice" role="status">Saved${saved === '0' ? '' : html` for ${saved} night${saved === '1' ? '' : 's'}`}.</p>`;
}
