import type { NightOccupancy } from '@hatago/catalog';
import { html, type SafeHtml } from '@hatago/platform/html';

const BAR = 20;
const PLOT = 100;
const TOP = 8;

/** Rooms sold as a whole percentage of the rooms in inventory; a night without any is 0%. */
export const occupancyPercent = (night: Pick<NightOccupancy, 'sold' | 'total'>) => (night.total === 0 ? 0 : Math.round((night.sold / night.total) * 100));

const shortDate = (date: string) => `${Number(date.slice(5, 7))}/${Number(date.slice(8, 10))}`;

/**
 * Occupancy by night as bars drawn in inline SVG (no script; sizes are attributes, which
 * the pages' style policy allows where `style=` is refused). The picture is hidden from
 * screen readers, which read the table after it instead.
 */
export function occupancyChart(nights: NightOccupancy[]): SafeHtml {
  const width = nights.length * BAR + 32;
  const y = (percent: number) => TOP + PLOT - percent;
  return html`<figure class="occupancy">
<svg viewBox="0 0 ${width} ${TOP + PLOT + 22}" width="100%" aria-hidden="true" focusable="false">
${[0, 50, 100].map((p) => html`<line class="grid" x1="32" x2="${width}" y1="${y(p)}" y2="${y(p)}"></line><text class="axis" x="28" y="${y(p) + 3}" text-anchor="end">${p}%</text>`)}
${nights.map((night, i) => {
  const percent = occupancyPercent(night);
  const x = 32 + i * BAR + 2;
  return html`<g><title>${night.date}: ${night.sold} of ${night.total} rooms sold (${percent}%)</title>
<rect class="bar" x="${x}" y="${y(percent)}" width="${BAR - 4}" height="${percent}"></rect>
${i % 7 === 0 ? html`<text class="axis" x="${x + (BAR - 4) / 2}" y="${TOP + PLOT + 16}" text-anchor="middle">${shortDate(night.date)}</text>` : ''}</g>`;
})}
</svg>
<div class="visually-hidden"><table><caption>Rooms sold by night</caption>
<thead><tr><th scope="col">Night</th><th scope="col">Sold</th><th scope="col">Rooms</th><th scope="col">Occupancy</th><th scope="col">Stop-sell</th></tr></thead>
<tbody>${nights.map(
    (n) => html`<tr><th scope="row">${n.date}</th><td>${n.sold}</td><td>${n.total}</td><td>${occupancyPercent(n)}%</td><td>${n.stopSold}</td></tr>`,
  )}</tbody></table></div>
</figure>`;
}
