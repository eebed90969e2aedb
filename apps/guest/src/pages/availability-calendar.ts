import type { CalendarDay } from '@hatago/catalog';
import { html, type SafeHtml } from '@hatago/platform/html';
import { addDays, daysBetween } from '@hatago/platform/time';
import { yen } from '@hatago/web-kit';
import { type Lang, t } from './i18n.ts';

export const CALENDAR_MONTHS = 3;
/** At most this many rooms left shows as "few left". */
const FEW_ROOMS = 3;

const monthStart = (date: string, monthsAhead: number): string => {
  const d = new Date(`${date.slice(0, 7)}-01T00:00:00Z`);
  d.setUTCMonth(d.getUTCMonth() + monthsAhead);
  return d.toISOString().slice(0, 10);
};

/** The calendar covers today to the end of the third month, the current one included. */
export const calendarSpan = (today: string) => ({ from: today, days: daysBetween(today, monthStart(today, CALENDAR_MONTHS)) });

function dayCell(date: string, day: CalendarDay | undefined, dayHref: (date: string) => string): SafeHtml {
  const dayOfMonth = Number(date.slice(8));
  if (!day) return html`<td class="full"><span>${dayOfMonth}</span></td>`;
  const bookable = day.roomsLeft > 0 && day.minPrice !== null;
  if (!bookable) return html`<td class="full" data-date="${date}"><span>${dayOfMonth}<span class="mark">×</span></span></td>`;
  const mark = day.roomsLeft <= FEW_ROOMS ? '△' : '○';
  return html`<td data-date="${date}"><a href="${dayHref(date)}">${dayOfMonth}<span class="mark">${mark}</span><small>${yen(day.minPrice!)}</small></a></td>`;
}

/** Month grids, weeks starting on Sunday; every bookable day links to that check-in. */
export function availabilityCalendar(days: CalendarDay[], today: string, lang: Lang, dayHref: (date: string) => string): SafeHtml {
  const text = t(lang);
  const byDate = new Map(days.map((d) => [d.date, d]));
  const months = Array.from({ length: CALENDAR_MONTHS }, (_, i) => monthStart(today, i));
  return html`<div class="months">${months.map((first) => {
    const length = daysBetween(first, monthStart(first, 1));
    const leading = new Date(`${first}T00:00:00Z`).getUTCDay();
    const cells: SafeHtml[] = Array.from({ length: leading }, () => html`<td></td>`);
    for (let i = 0; i < length; i++) {
      const date = addDays(first, i);
      cells.push(date < today ? html`<td class="full"><span>${i + 1}</span></td>` : dayCell(date, byDate.get(date), dayHref));
    }
    const weeks = Array.from({ length: Math.ceil(cells.length / 7) }, (_, w) => cells.slice(w * 7, w * 7 + 7));
    return html`<table class="month" data-testid="calendar-month">
<caption>${text.monthTitle(Number(first.slice(0, 4)), Number(first.slice(5, 7)))}</caption>
<thead><tr>${text.weekdays.map((w) => html`<th scope="col">${w}</th>`)}</tr></thead>
<tbody>${weeks.map((week) => html`<tr>${week}</tr>`)}</tbody>
</table>`;
  })}</div>
<p class="muted">${text.calendarLegend}</p>`;
}
