import type { FieldErrors } from '@hatago/platform/errors';
import { addDays, daysBetween, tokyoToday } from '@hatago/platform/time';
import { type FormInput, readDate } from '@hatago/platform/input';

/** One bulk change covers at most a year of nights. */
export const MAX_RANGE_NIGHTS = 366;

export interface NightRange {
  from: string;
  to: string;
  /** Days of the week to change (0 = Sunday … 6 = Saturday); every day when absent. */
  weekdays: number[] | null;
}

/**
 * Reads `from`, `to` (both nights included) and optional `weekday` boxes, and returns the
 * nights they select. Nights already past cannot be sold, so changing them is refused.
 */
export function readNightRange(errors: FieldErrors, input: FormInput, today = tokyoToday()): { range: NightRange; nights: string[] } {
  const from = readDate(errors, input, 'from', { label: 'First night' });
  const to = readDate(errors, input, 'to', { label: 'Last night' });
  const weekdays = readWeekdays(errors, input);
  const range: NightRange = { from, to, weekdays };
  const datesOk = !errors.list.some((e) => e.field === 'from' || e.field === 'to');
  if (!datesOk) return { range, nights: [] };
  if (from < today) errors.add('from', 'First night cannot be in the past');
  const span = daysBetween(from, to) + 1;
  if (span < 1) errors.add('to', 'Last night must be on or after the first night');
  else if (span > MAX_RANGE_NIGHTS) errors.add('to', `Change at most ${MAX_RANGE_NIGHTS} nights at once`);
  if (errors.list.length) return { range, nights: [] };
  const nights = Array.from({ length: span }, (_, i) => addDays(from, i)).filter(
    (night) => weekdays === null || weekdays.includes(new Date(`${night}T00:00:00Z`).getUTCDay()),
  );
  if (nights.length === 0) errors.add('weekday', 'None of the chosen weekdays falls in this range');
  return { range, nights };
}

function readWeekdays(errors: FieldErrors, input: FormInput): number[] | null {
  const raw = input.weekday;
  if (raw === undefined || raw === '') return null;
  const values = (Array.isArray(raw) ? raw : [raw]).map(String);
  if (!values.every((v) => /^[0-6]$/.test(v))) {
    errors.add('weekday', 'Choose weekdays from the list');
    return null;
  }
  return [...new Set(values.map(Number))].sort();
}
