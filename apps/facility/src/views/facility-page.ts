import type { StaffAccount } from '@hatago/identity';
import { html, type SafeHtml } from '@hatago/platform/html';
import { renderConsolePage } from '@hatago/web-kit';

export const FACILITY_SHELL = {
  brand: 'Hatago Facility Console',
  brandHref: '/facility/',
  basePath: '/facility',
  lang: 'en' as const,
  css: `
select,input{max-width:100%}
label{min-width:0;grid-template-columns:minmax(0,1fr)}
fieldset{border:1px solid var(--line);border-radius:4px;padding:.5rem .75rem;min-width:0}
fieldset label{display:inline-flex;gap:.3rem;align-items:center;margin-right:.6rem}
table.month td{height:4.5rem;width:14%;font-size:.85rem}
table.month .day{font-weight:600}
td.stop{background:#fbeeec}
td.unset{background:#f4f1ec;color:var(--muted)}
.actions{display:flex;gap:.75rem;flex-wrap:wrap;align-items:center}
table.timeline td{vertical-align:top;min-width:9rem;font-size:.85rem}
table.timeline td.booked{background:#eef5ee}
table.timeline td.requested{background:#fdf6e3}
td.closed{background:#fbeeec}
ol.photos{list-style:none;padding:0;display:grid;gap:1rem}
ol.photos li{display:grid;grid-template-columns:160px 1fr;gap:.75rem;align-items:start}
ol.photos .actions{grid-column:2}
ol.photos img{max-width:100%;height:auto}
@media (max-width:40rem){ol.photos li{grid-template-columns:minmax(0,1fr)}ol.photos .actions{grid-column:1}}
ul.counts{list-style:none;padding:0;display:flex;gap:1rem;flex-wrap:wrap}
ul.counts a{display:block;background:#fff;border:1px solid var(--line);border-radius:6px;padding:.6rem 1rem;text-decoration:none;color:var(--ink)}
ul.counts strong{font-size:1.5rem;margin-right:.35rem;color:var(--accent)}
figure.occupancy{margin:0;background:#fff;border:1px solid var(--line);border-radius:6px;padding:.75rem}
figure.occupancy .bar{fill:var(--accent)}
figure.occupancy .grid{stroke:var(--line)}
figure.occupancy .axis{font-size:9px;fill:var(--muted)}
.grid-scroll{overflow-x:auto;max-width:100%;position:relative}
.grid-scroll:focus-visible{outline:3px solid var(--accent);outline-offset:2px}
table.rate-grid th,table.rate-grid td{padding:.2rem .3rem;font-size:.8rem;white-space:nowrap}
table.rate-grid tr.room-type th{background:#f4f1ec;text-align:left}
table.rate-grid input[type=number]{width:5.5rem}
table.rate-grid .error-text{display:block;white-space:normal;max-width:8rem}
.visually-hidden{position:absolute;width:1px;height:1px;padding:0;margin:-1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap;border:0}
`,
};

const HOTEL_NAV = html`<a href="/facility/">Today</a><a href="/facility/hotel">Hotel</a><a href="/facility/hotel/amenities">Amenities</a><a href="/facility/photos">Photos</a><a href="/facility/room-types">Room types</a><a href="/facility/plans">Plans &amp; prices</a><a href="/facility/inventory">Inventory</a><a href="/facility/reservations">Reservations</a>`;
const RESTAURANT_NAV = html`<a href="/facility/restaurant/day">Today</a><a href="/facility/restaurant/reservations">Reservations</a><a href="/facility/restaurant/capacity">Capacity</a><a href="/facility/restaurant/seatings">Seatings</a><a href="/facility/restaurant/courses">Courses</a><a href="/facility/restaurant/photos">Photos</a>`;

/** Every console page: the shared shell with the navigation of what the account runs, a hotel or a restaurant. */
export function facilityPage(staff: StaffAccount, title: string, body: SafeHtml): string {
  return renderConsolePage(FACILITY_SHELL, staff, { title, nav: staff.restaurantId === null ? HOTEL_NAV : RESTAURANT_NAV, body });
}

/** The confirmation after a redirect; only a count (of nights, or of dates) travels in the URL, never text. */
export function savedNotice(query: unknown, unit = 'night'): SafeHtml {
  const saved = (query as { saved?: unknown } | undefined)?.saved;
  if (typeof saved !== 'string' || !/^\d{1,4}$/.test(saved)) return html``;
  return html`<p class="notice" role="status">Saved${saved === '0' ? '' : html` for ${saved} ${unit}${saved === '1' ? '' : 's'}`}.</p>`;
}

/**
 * A table wider than a phone, scrolling sideways inside its own region rather than the whole
 * page (WCAG 1.4.10): named for screen readers, and focusable so a keyboard can scroll it.
 */
export const scrollRegion = (label: string, table: SafeHtml): SafeHtml =>
  html`<div class="grid-scroll" role="region" aria-label="${label}" tabindex="0">${table}</div>`;
