import type { Meals } from '../catalog-tables.ts';
import { AMENITY_CODES, type AmenityCode } from '../hotels/hotel-amenities.ts';
import { type HotelFilters, type HotelSort, MEAL_OPTIONS, STAR_OPTIONS } from './hotel-filters.ts';

/** A hotel with rooms for the whole stay, and every plan it sells for it. */
export interface Candidate {
  id: number;
  stars: number;
  recommendation: number;
  amenities: ReadonlySet<string>;
  plans: Array<{ meals: Meals; total: number }>;
}

/** How many hotels each filter value would leave, the other filters applied (a chosen amenity's count is the results'). */
export interface HotelFacets {
  stars: Array<{ value: number; count: number }>;
  meals: Array<{ value: Meals; count: number }>;
  amenities: Array<{ value: AmenityCode; count: number }>;
  /** The lowest and highest shown price of the hotels the other filters leave; null when none. */
  price: { min: number; max: number } | null;
}

type Group = 'stars' | 'meals' | 'amenities' | 'price';

/** The lowest total of a plan the filters accept, or undefined when the hotel has none (`ignore` leaves one filter out). */
function priceFor(hotel: Candidate, f: HotelFilters, ignore?: Group): number | undefined {
  let best: number | undefined;
  for (const plan of hotel.plans) {
    if (ignore !== 'meals' && f.meals.length > 0 && !f.meals.includes(plan.meals)) continue;
    if (ignore !== 'price' && ((f.minPrice !== undefined && plan.total < f.minPrice) || (f.maxPrice !== undefined && plan.total > f.maxPrice))) continue;
    if (best === undefined || plan.total < best) best = plan.total;
  }
  return best;
}

function matches(hotel: Candidate, f: HotelFilters, ignore?: Group): boolean {
  if (ignore !== 'stars' && f.stars.length > 0 && !f.stars.includes(hotel.stars)) return false;
  if (ignore !== 'amenities' && !f.amenities.every((a) => hotel.amenities.has(a))) return false;
  return priceFor(hotel, f, ignore) !== undefined;
}

const count = (hotels: Candidate[], test: (h: Candidate) => boolean) => hotels.reduce((n, h) => (test(h) ? n + 1 : n), 0);

export function facetsOf(hotels: Candidate[], f: HotelFilters): HotelFacets {
  const prices = hotels.filter((h) => matches(h, f, 'price')).map((h) => priceFor(h, f, 'price')!);
  return {
    stars: STAR_OPTIONS.map((value) => ({ value, count: count(hotels, (h) => h.stars === value && matches(h, f, 'stars')) })),
    meals: MEAL_OPTIONS.map((value) => ({ value, count: count(hotels, (h) => matches(h, { ...f, meals: [value] }, undefined)) })),
    amenities: AMENITY_CODES.map((value) => ({ value, count: count(hotels, (h) => h.amenities.has(value) && matches(h, f)) })),
    price: prices.length ? { min: Math.min(...prices), max: Math.max(...prices) } : null,
  };
}

export interface Ranked {
  hotel: Candidate;
  /** The lowest total of a plan the filters accept: what the result shows. */
  price: number;
}

// ties fall to the recommendation, then the price, then the id, so every order is total and pages never overlap
const ORDERS: Record<HotelSort, (a: Ranked, b: Ranked) => number> = {
  recommended: (a, b) => b.hotel.recommendation - a.hotel.recommendation || a.price - b.price || a.hotel.id - b.hotel.id,
  price: (a, b) => a.price - b.price || b.hotel.recommendation - a.hotel.recommendation || a.hotel.id - b.hotel.id,
  price_desc: (a, b) => b.price - a.price || b.hotel.recommendation - a.hotel.recommendation || a.hotel.id - b.hotel.id,
  stars: (a, b) => b.hotel.stars - a.hotel.stars || b.hotel.recommendation - a.hotel.recommendation || a.price - b.price || a.hotel.id - b.hotel.id,
};

/** The hotels every filter accepts, in the sort's order. */
export function rank(hotels: Candidate[], f: HotelFilters, sort: HotelSort): Ranked[] {
  return hotels
    .filter((h) => matches(h, f))
    .map((hotel) => ({ hotel, price: priceFor(hotel, f)! }))
    .sort(ORDERS[sort]);
}
