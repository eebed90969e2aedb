import { FieldErrors } from '@hatago/platform/errors';
import { type FormInput, readInteger, readText, readTimeOfDay } from '@hatago/platform/input';
import { DiningErrors } from '../dining-errors.ts';
import { type CancelFeeRule, MAX_PARTY, minutesOf } from '../restaurants/restaurant.ts';

export interface CourseInput {
  name: { ja: string; en: string };
  description: { ja: string; en: string };
  pricePerPerson: number;
  seatOnly: boolean;
  minParty: number;
  maxParty: number;
  /** ISO weekdays, 1 Monday … 7 Sunday. */
  weekdays: number[];
  servedFrom: string;
  servedUntil: string;
  advanceDays: number;
  cutoffMinutes: number;
  cancelFees: CancelFeeRule[];
  active: boolean;
}

export const MAX_COURSE_PRICE = 1_000_000;
const CHECKED = new Set(['on', 'true', 'yes', '1']);
const FEE_RULE = /^(\d{1,4})\s*h?\s*:\s*(\d{1,3})\s*%?$/;

/** Fee rules as staff type them: `hours:percent` pairs, e.g. `48:50, 24:100`; empty: free. */
export function readCancelFees(errors: FieldErrors, form: FormInput): CancelFeeRule[] {
  const raw = typeof form.cancelFees === 'string' ? form.cancelFees.trim() : '';
  if (!raw) return [];
  const rules: CancelFeeRule[] = [];
  for (const part of raw.split(/[,、\n]/).map((p) => p.trim()).filter(Boolean)) {
    const match = FEE_RULE.exec(part);
    const rule = match ? { withinHours: Number(match[1]), percent: Number(match[2]) } : undefined;
    if (!rule || rule.withinHours < 1 || rule.withinHours > 720 || rule.percent < 1 || rule.percent > 100) {
      errors.add('cancelFees', `Write each rule as hours:percent (1–720 hours, 1–100%), e.g. 48:50, 24:100; “${part}” is not one`);
      return [];
    }
    rules.push(rule);
  }
  if (rules.length > 10) errors.add('cancelFees', 'Keep to 10 fee rules');
  if (new Set(rules.map((r) => r.withinHours)).size !== rules.length) errors.add('cancelFees', 'Give each number of hours one percentage');
  return rules.sort((a, b) => b.withinHours - a.withinHours);
}

function readWeekdays(errors: FieldErrors, form: FormInput): number[] {
  const raw = form.day;
  const values = (Array.isArray(raw) ? raw : raw === undefined ? [] : [raw]).map(String);
  if (!values.every((v) => /^[1-7]$/.test(v))) errors.add('day', 'Choose days from the list');
  else if (values.length === 0) errors.add('day', 'Choose at least one day the course is offered');
  return [...new Set(values.map(Number))].sort();
}

/** Reads the whole course form, every mistake at once, or throws INVALID_COURSE. */
export function readCourseForm(form: FormInput): CourseInput {
  const errors = new FieldErrors();
  const input: CourseInput = {
    name: { ja: readText(errors, form, 'nameJa', { label: 'Japanese name', max: 100 }), en: readText(errors, form, 'nameEn', { label: 'English name', max: 100 }) },
    description: {
      ja: readText(errors, form, 'descriptionJa', { label: 'Japanese description', max: 2000, optional: true }),
      en: readText(errors, form, 'descriptionEn', { label: 'English description', max: 2000, optional: true }),
    },
    pricePerPerson: readInteger(errors, form, 'pricePerPerson', { label: 'Price per person', min: 0, max: MAX_COURSE_PRICE }),
    seatOnly: typeof form.seatOnly === 'string' && CHECKED.has(form.seatOnly),
    minParty: readInteger(errors, form, 'minParty', { label: 'Smallest party', min: 1, max: MAX_PARTY }),
    maxParty: readInteger(errors, form, 'maxParty', { label: 'Largest party', min: 1, max: MAX_PARTY }),
    weekdays: readWeekdays(errors, form),
    servedFrom: readTimeOfDay(errors, form, 'servedFrom', { label: 'Served from' }),
    servedUntil: readTimeOfDay(errors, form, 'servedUntil', { label: 'Served until' }),
    advanceDays: readInteger(errors, form, 'advanceDays', { label: 'Advance window (days)', min: 1, max: 365 }),
    cutoffMinutes: readInteger(errors, form, 'cutoffMinutes', { label: 'Cut-off (minutes)', min: 0, max: 10080 }),
    cancelFees: readCancelFees(errors, form),
    active: typeof form.active === 'string' && CHECKED.has(form.active),
  };
  const has = (field: string) => errors.list.some((e) => e.field === field);
  if (!has('minParty') && !has('maxParty') && input.maxParty < input.minParty) errors.add('maxParty', 'Largest party must be at least the smallest');
  if (!has('servedFrom') && !has('servedUntil') && minutesOf(input.servedUntil) < minutesOf(input.servedFrom))
    errors.add('servedUntil', 'Served until must be at or after served from');
  errors.throwIfAny(DiningErrors.INVALID_COURSE);
  return input;
}
