import { FieldErrors } from '@hatago/platform/errors';
import { daysBetween, isValidDate } from '@hatago/platform/time';
import { DiningErrors } from '../dining-errors.ts';
import { CUISINES, type Cuisine, HH_MM, MAX_PARTY } from '../restaurants/restaurant.ts';

/** How far ahead any restaurant can be searched; each course narrows it with its own window. */
export const DINING_HORIZON_DAYS = 365;

export interface DiningQueryInput {
  area?: unknown;
  date?: unknown;
  time?: unknown;
  party?: unknown;
  cuisine?: unknown;
  /** The most a guest will pay per person for a set course, yen. */
  budget?: unknown;
}

export interface DiningQuery {
  areaId?: string;
  date: string;
  time?: string;
  party: number;
  cuisine?: Cuisine;
  budget?: number;
}

const AREA = /^[a-z][a-z0-9-]{1,40}$/;

/** A party size from a number or a query string's digits. */
export const toParty = (value: unknown): number | undefined => {
  const n = typeof value === 'string' && /^\d{1,2}$/.test(value) ? Number(value) : value;
  return typeof n === 'number' && Number.isInteger(n) && n >= 1 && n <= MAX_PARTY ? n : undefined;
};

/** Checks a date a guest may ask about: a real date from today up to the horizon. */
export function checkServiceDate(errors: FieldErrors, value: unknown, today: string): string {
  const date = typeof value === 'string' ? value : '';
  if (!isValidDate(date)) errors.add('date', 'Enter a date as YYYY-MM-DD');
  else if (date < today) errors.add('date', 'This date has passed');
  else if (daysBetween(today, date) > DINING_HORIZON_DAYS) errors.add('date', `Choose a date within ${DINING_HORIZON_DAYS} days`);
  return date;
}

/** Validates a search or a restaurant's day; every bad field is reported at once. */
export function parseDiningQuery(input: DiningQueryInput, today: string): DiningQuery {
  const errors = new FieldErrors();
  const date = checkServiceDate(errors, input.date, today);
  const party = toParty(input.party ?? 2);
  if (party === undefined) errors.add('party', `Party must be between 1 and ${MAX_PARTY}`);
  const time = input.time === undefined || input.time === '' ? undefined : input.time;
  if (time !== undefined && (typeof time !== 'string' || !HH_MM.test(time))) errors.add('time', 'Enter a time as HH:MM');
  const area = input.area === undefined || input.area === '' ? undefined : input.area;
  if (area !== undefined && (typeof area !== 'string' || !AREA.test(area))) errors.add('area', 'Unknown area');
  const cuisine = input.cuisine === undefined || input.cuisine === '' ? undefined : input.cuisine;
  if (cuisine !== undefined && !CUISINES.includes(cuisine as Cuisine)) errors.add('cuisine', `Cuisine is one of ${CUISINES.join(', ')}`);
  const budgetInput = input.budget === undefined || input.budget === '' ? undefined : input.budget;
  const budget = typeof budgetInput === 'string' && /^\d{1,7}$/.test(budgetInput) ? Number(budgetInput) : budgetInput;
  if (budget !== undefined && !(typeof budget === 'number' && Number.isInteger(budget) && budget >= 0 && budget <= 10_000_000))
    errors.add('budget', 'Budget is a whole number of yen per person');
  errors.throwIfAny(DiningErrors.INVALID_DINING_QUERY);
  return {
    date,
    party: party!,
    ...(area !== undefined && { areaId: area as string }),
    ...(time !== undefined && { time: time as string }),
    ...(cuisine !== undefined && { cuisine: cuisine as Cuisine }),
    ...(budget !== undefined && { budget: budget as number }),
  };
}
