import type { CalendarDay } from '@hatago/catalog';
import { html, type SafeHtml } from '@hatago/platform/html';
import { addDays, daysBetween } from '@hatago/platform/time';
import { yen } from '@hatago/web-kit';
import { type Lang, t } from './i18n.ts';

/** Hotels show three months; a vertical may ask for another span. */
export const CALENDAR_MONTHS = 3;
/** At most this many rooms left shows as "few left". */
const FEW_ROOMS = 3;

/** One day of either vertical's calendar: bookable, nearly gone or not, and from what price. */
export interface CalendarCell {
  date: string;
  state: 'open' | 'few' | 'full';
  price: number | null;
}

const MARKS = { open: '○', few: '△', full: '×' } as const;
/** What each mark means, said in words where the mark is (the legend comes after the months). */
export type MarkNames = Record<CalendarCell['state'], string>;

// role=img: a screen reader says the state rather than "white circle" (WCAG 1.1.1)
const mark = (state: CalendarCell['state'], names: MarkNames): SafeHtml =>
  html`<span class="mark" role="img" aria-label="${names[state]}">${MARKS[state]}</span>`;

/** A hotel's days as calendar cells: bookable while a room is left at a price. */
export const hotelCalendarCells = (days: CalendarDay[]): CalendarCell[] =>
  days.map((day) => ({
    date: day.date,
    state: day.roomsLeft <= 0 || day.minPrice === null ? 'full' : day.roomsLeft <= FEW_ROOMS ? 'few' : 'open',
    price: day.minPrice,
  }));

const monthStart = (date: string, monthsAhead: number): string => {
  const d = new Date(`${date.slice(0, 7)}-01T00:00:00Z`);
  d.setUTCMonth(d.getUTCMonth() + monthsAhead);
  return d.toISOString().slice(0, 10);
};

/** The calendar covers today to the end of the last month shown, the current one included. */
export const calendarSpan = (today: string, months = CALENDAR_MONTHS) => ({ from: today, days: daysBetween(today, monthStart(today, months)) });

function dayCell(date: string, cell: CalendarCell | undefined, dayHref: (date: string) => string, price: (yen: number) => string, names: MarkNames): SafeHtml {
  const dayOfMonth = Number(date.slice(8));
  if (!cell) return html`<td class="full"><span>${dayOfMonth}</span></td>`;
  if (cell.state === 'full') return html`<td class="full" data-date="${date}"><span>${dayOfMonth}${mark('full', names)}</span></td>`;
  return html`<td data-date="${date}"><a href="${dayHref(date)}">${dayOfMonth}${mark(cell.state, names)}${
    cell.price === null ? '' : html`<small>${price(cell.price)}</small>`
  }</a></td>`;
}

/** Month grids, weeks starting on Sunday; every bookable day links to that day's page. */
export function availabilityCalendar(
  cells: CalendarCell[],
  today: string,
  lang: Lang,
  dayHref: (date: string) => string,
  options: { months?: number; legend?: string; marks?: MarkNames; price?: (yen: number) => string } = {},
): SafeHtml {
  const text = t(lang);
  const byDate = new Map(cells.map((d) => [d.date, d]));
  const months = Array.from({ length: options.months ?? CALENDAR_MONTHS }, (_, i) => monthStart(today, i));
  return html`<div class="months">${months.map((first) => {
    const length = daysBetween(first, monthStart(first, 1));
    const leading = new Date(`${first}T00:00:00Z`).getUTCDay();
    const row: SafeHtml[] = Array.from({ length: leading }, () => html`<td></td>`);
    for (let i = 0; i < length; i++) {
      const date = addDays(first, i);
      row.push(date < today ? html`<td class="full"><span>${i + 1}</span></td>` : dayCell(date, byDate.get(date), dayHref, options.price ?? yen, options.marks ?? text.calendarMarks));
    }
    const weeks = Array.from({ length: Math.ceil(row.length / 7) }, (_, w) => row.slice(w * 7, w * 7 + 7));
    return html`<table class="month" data-testid="calendar-month">
<caption>${text.monthTitle(Number(first.slice(0, 4)), Number(first.slice(5, 7)))}</caption>
<thead><tr>${text.weekdays.map((w) => html`<th scope="col">${w}</th>`)}</tr></thead>
<tbody>${weeks.map((week) => html`<tr>${week}</tr>`)}</tbody>
</table>`;
  })}</div>
<p class="muted">${options.legend ?? text.calendarLegend}</p>`;
}
