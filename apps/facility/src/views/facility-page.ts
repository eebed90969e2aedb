import type { StaffAccount } from '@hatago/identity';
import { html, type SafeHtml } from '@hatago/platform/html';
import { renderConsolePage } from '@hatago/web-kit';

export const FACILITY_SHELL = {
  brand: 'Hatago Facility Console',
  brandHref: '/facility/',
  basePath: '/facility',
  lang: 'en' as const,
  css: `
fieldset{border:1px solid var(--line);border-radius:4px;padding:.5rem .75rem}
fieldset label{display:inline-flex;gap:.3rem;align-items:center;margin-right:.6rem}
table.month td{height:4.5rem;width:14%;font-size:.85rem}
table.month .day{font-weight:600}
td.stop{background:#fbeeec}
td.unset{background:#f4f1ec;color:var(--muted)}
.actions{display:flex;gap:.75rem;flex-wrap:wrap;align-items:center}
ol.photos{list-style:none;padding:0;display:grid;gap:1rem}
ol.photos li{display:grid;grid-template-columns:160px 1fr;gap:.75rem;align-items:start}
ol.photos .actions{grid-column:2}
`,
};

/** Every console page: the shared shell with the console's navigation. */
export function facilityPage(staff: StaffAccount, title: string, body: SafeHtml): string {
  return renderConsolePage(FACILITY_SHELL, staff, {
    title,
    nav: html`<a href="/facility/hotel">Hotel</a><a href="/facility/photos">Photos</a><a href="/facility/room-types">Room types</a><a href="/facility/plans">Plans &amp; prices</a><a href="/facility/inventory">Inventory</a><a href="/facility/reservations">Reservations</a>`,
    body,
  });
}

/** The confirmation after a redirect; only a count travels in the URL, never text. */
export function savedNotice(query: unknown): SafeHtml {
  const saved = (query as { saved?: unknown } | undefined)?.saved;
  if (typeof saved !== 'string' || !/^\d{1,4}$/.test(saved)) return html``;
  return html`<p class="notice" role="status">Saved${saved === '0' ? '' : html` for ${saved} night${saved === '1' ? '' : 's'}`}.</p>`;
}
