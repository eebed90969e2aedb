import { daysOfMonth, shiftMonth } from '@hatago/catalog';
import { html, type SafeHtml } from '@hatago/platform/html';
import { scrollRegion } from './facility-page.ts';

/** A month as a Sunday-first grid; `cell` fills each day, `link` points at another month. */
export function monthCalendar(
  month: string,
  cell: (date: string) => { body: SafeHtml; className?: string },
  link: (month: string) => string,
): SafeHtml {
  const days = daysOfMonth(month);
  const lead = new Date(`${days[0]}T00:00:00Z`).getUTCDay();
  const slots: Array<string | null> = [...Array<null>(lead).fill(null), ...days];
  while (slots.length % 7) slots.push(null);
  const weeks = Array.from({ length: slots.length / 7 }, (_, w) => slots.slice(w * 7, w * 7 + 7));
  return html`<div class="actions"><a href="${link(shiftMonth(month, -1))}">← Previous</a><strong>${month}</strong><a href="${link(shiftMonth(month, 1))}">Next →</a></div>
${scrollRegion('Month calendar', html`<table class="month"><thead><tr>${['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'].map((d) => html`<th>${d}</th>`)}</tr></thead>
<tbody>${weeks.map(
    (week) =>
      html`<tr>${week.map((date) => {
        if (!date) return html`<td></td>`;
        const { body, className } = cell(date);
        return html`<td class="${className ?? ''}"><div class="day">${Number(date.slice(8))}</div>${body}</td>`;
      })}</tr>`,
  )}</tbody></table>`)}`;
}
