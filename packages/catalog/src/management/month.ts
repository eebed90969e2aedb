import { addDays, isValidDate, tokyoToday } from '@hatago/platform/time';

/** A calendar month 'YYYY-MM'; anything else falls back to the current month in Tokyo. */
export function parseMonth(raw: unknown, today = tokyoToday()): string {
  return typeof raw === 'string' && /^\d{4}-\d{2}$/.test(raw) && isValidDate(`${raw}-01`) ? raw : today.slice(0, 7);
}

export function daysOfMonth(month: string): string[] {
  const days: string[] = [];
  for (let day = `${month}-01`; day.startsWith(month); day = addDays(day, 1)) days.push(day);
  return days;
}

export function shiftMonth(month: string, by: number): string {
  const [year, m] = month.split('-').map(Number) as [number, number];
  const index = year * 12 + (m - 1) + by;
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
}
