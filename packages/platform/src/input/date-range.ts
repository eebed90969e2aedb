import type { FieldErrors } from '../errors/domain-error.ts';
import { addDays, daysBetween, tokyoToday } from '../time/stay-dates.ts';
import { readDate } from './form-input.ts';

/** One bulk change covers at most a year of days. */
export const MAX_RANGE_DAYS = 366;

export interface DateRange {
  from: string;
  to: string;
  /** Days of the week to change (0 = Sunday … 6 = Saturday); every day when absent. */
  weekdays: number[] | null;
}

/** How a console names the days it changes: hotels change nights, restaurants dates. */
export interface RangeWords {
  from: string;
  to: string;
  days: string;
}

export const NIGHT_WORDS: RangeWords = { from: 'First night', to: 'Last night', days: 'nights' };
export const DATE_WORDS: RangeWords = { from: 'First date', to: 'Last date', days: 'dates' };

/**
 * Reads `from`, `to` (both included) and optional `weekday` boxes, and returns the days
 * they select. Days already past cannot be sold, so changing them is refused.
 */
export function readDateRange(
  errors: FieldErrors,
  input: Record<string, unknown>,
  words: RangeWords,
  today = tokyoToday(),
): { range: DateRange; days: string[] } {
  const from = readDate(errors, input, 'from', { label: words.from });
  const to = readDate(errors, input, 'to', { label: words.to });
  const weekdays = readWeekdays(errors, input);
  const range: DateRange = { from, to, weekdays };
  const datesOk = !errors.list.some((e) => e.field === 'from' || e.field === 'to');
  if (!datesOk) return { range, days: [] };
  if (from < today) errors.add('from', `${words.from} cannot be in the past`);
  const span = daysBetween(from, to) + 1;
  if (span < 1) errors.add('to', `${words.to} must be on or after the ${words.from.toLowerCase()}`);
  else if (span > MAX_RANGE_DAYS) errors.add('to', `Change at most ${MAX_RANGE_DAYS} ${words.days} at once`);
  if (errors.list.length) return { range, days: [] };
  const days = Array.from({ length: span }, (_, i) => addDays(from, i)).filter(
    (day) => weekdays === null || weekdays.includes(new Date(`${day}T00:00:00Z`).getUTCDay()),
  );
  if (days.length === 0) errors.add('weekday', 'None of the chosen weekdays falls in this range');
  return { range, days };
}

function readWeekdays(errors: FieldErrors, input: Record<string, unknown>): number[] | null {
  const raw = input.weekday;
  if (raw === undefined || raw === '') return null;
  const values = (Array.isArray(raw) ? raw : [raw]).map(String);
  if (!values.every((v) => /^[0-6]$/.test(v))) {
    errors.add('weekday', 'Choose weekdays from the list');
    return null;
  }
  return [...new Set(values.map(Number))].sort();
}
