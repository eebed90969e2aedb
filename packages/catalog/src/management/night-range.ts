import type { FieldErrors } from '@hatago/platform/errors';
import { type DateRange, type FormInput, MAX_RANGE_DAYS, NIGHT_WORDS, readDateRange } from '@hatago/platform/input';

/** One bulk change covers at most a year of nights. */
export const MAX_RANGE_NIGHTS = MAX_RANGE_DAYS;

export type NightRange = DateRange;

/** The nights a bulk form selects (see `readDateRange`), worded for hotels. */
export function readNightRange(errors: FieldErrors, input: FormInput, today?: string): { range: NightRange; nights: string[] } {
  const { range, days } = readDateRange(errors, input, NIGHT_WORDS, today);
  return { range, nights: days };
}
