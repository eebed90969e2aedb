import type { FieldError } from '@hatago/platform/errors';
import { invalid } from '@hatago/platform/errors';
import type { Meals } from '../catalog-tables.ts';
import { CatalogErrors } from '../catalog-errors.ts';
import { type AmenityCode, inAmenityOrder, isAmenityCode } from '../hotels/hotel-amenities.ts';

export const HOTEL_SORTS = ['recommended', 'price', 'price_desc', 'stars'] as const;
export type HotelSort = (typeof HOTEL_SORTS)[number];

export const MEAL_OPTIONS: readonly Meals[] = ['room_only', 'breakfast', 'half_board'];
export const STAR_OPTIONS = [5, 4, 3, 2, 1] as const;
/** A stay's total above this is a typo, not a price (14 nights of 4 suites fit well below it). */
export const MAX_PRICE_FILTER = 100_000_000;

/**
 * What narrows a hotel search. Within stars and meals any chosen value will do (as on every
 * booking site); amenities narrow by all of them; the price range bounds the stay's total
 * for every guest and room searched, of a plan with the chosen meals.
 */
export interface HotelFilters {
  minPrice?: number;
  maxPrice?: number;
  stars: number[];
  meals: Meals[];
  amenities: AmenityCode[];
}

export const NO_FILTERS: HotelFilters = { stars: [], meals: [], amenities: [] };

/** Filter values as a query string or a schema-checked API query carries them: one value, repeats, or comma lists. */
export type HotelFilterInput = Partial<Record<keyof HotelFilters, unknown>>;

const valuesOf = (value: unknown): string[] =>
  (Array.isArray(value) ? value : value === undefined ? [] : [value])
    .flatMap((v) => (typeof v === 'number' ? [String(v)] : typeof v === 'string' ? v.split(',') : ['\u0000']))
    .map((v) => v.trim())
    .filter((v) => v !== '');

function readPrice(value: unknown, field: string, errors: FieldError[]): number | undefined {
  const [text, ...more] = valuesOf(value);
  if (text === undefined) return undefined;
  if (more.length === 0 && /^\d{1,9}$/.test(text) && Number(text) <= MAX_PRICE_FILTER) return Number(text);
  errors.push({ field, message: 'Enter a price in whole yen, up to 100,000,000' });
  return undefined;
}

function readChoices<T>(value: unknown, field: string, accept: (v: string) => T | undefined, message: string, errors: FieldError[]): T[] {
  const chosen: T[] = [];
  for (const text of valuesOf(value)) {
    const choice = accept(text);
    if (choice === undefined) errors.push({ field, message });
    else if (!chosen.includes(choice)) chosen.push(choice);
  }
  return chosen;
}

/**
 * Every filter that reads well, and an error for each that does not: a page shows the
 * errors and searches with the rest; the API refuses the request (parseHotelFilters).
 */
export function readHotelFilters(input: HotelFilterInput): { filters: HotelFilters; errors: FieldError[] } {
  const errors: FieldError[] = [];
  let minPrice = readPrice(input.minPrice, 'minPrice', errors);
  let maxPrice = readPrice(input.maxPrice, 'maxPrice', errors);
  if (minPrice !== undefined && maxPrice !== undefined && minPrice > maxPrice) {
    errors.push({ field: 'maxPrice', message: 'The highest price must not be below the lowest' });
    minPrice = maxPrice = undefined;
  }
  const stars = readChoices(input.stars, 'stars', (v) => (/^[1-5]$/.test(v) ? Number(v) : undefined), 'Stars must be 1 to 5', errors).sort((a, b) => b - a);
  const meals = readChoices(input.meals, 'meals', (v) => MEAL_OPTIONS.find((m) => m === v), 'Choose meals from room_only, breakfast or half_board', errors);
  const amenities = readChoices(input.amenities, 'amenities', (v) => (isAmenityCode(v) ? v : undefined), 'Choose amenities from the list', errors);
  return {
    filters: {
      ...(minPrice !== undefined ? { minPrice } : {}),
      ...(maxPrice !== undefined ? { maxPrice } : {}),
      stars,
      meals: MEAL_OPTIONS.filter((m) => meals.includes(m)),
      amenities: inAmenityOrder(amenities),
    },
    errors,
  };
}

/** The filters, or 422 INVALID_SEARCH_FILTER naming every bad field. */
export function parseHotelFilters(input: HotelFilterInput): HotelFilters {
  const { filters, errors } = readHotelFilters(input);
  if (errors.length > 0) throw invalid(CatalogErrors.INVALID_SEARCH_FILTER, errors);
  return filters;
}

/** The sort a query names, or undefined when it names none or an unknown one. */
export const hotelSortOf = (value: unknown): HotelSort | undefined => HOTEL_SORTS.find((s) => s === value);

/** One text for the filters, the same for the same choice: a cache key's part. */
export const filtersKey = (f: HotelFilters): string =>
  `${f.minPrice ?? ''}-${f.maxPrice ?? ''}/${f.stars.join('.')}/${f.meals.join('.')}/${f.amenities.join('.')}`;
