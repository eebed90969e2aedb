import { type BilingualPhoto, galleryCovers } from '@hatago/images';
import { RESTAURANT_GALLERY } from '../management/restaurant-photos.ts';
import type { Executor } from '@hatago/db';
import { minutesOf } from '../restaurants/restaurant.ts';
import { type DiningClock, diningClock, offerSeatings } from './booking-rules.ts';
import { type DiningQueryInput, parseDiningQuery } from './dining-query.ts';
import { loadRestaurantDays } from './load-restaurant-days.ts';
import type { RestaurantDay, RestaurantSummary } from './restaurant-day.ts';

/** A requested time matches the seatings starting up to this far either side of it. */
export const TIME_WINDOW_MINUTES = 60;

export interface RestaurantSearchItem extends RestaurantSummary {
  /** The seatings this party can book on the date, HH:MM. */
  times: string[];
  /** The lowest price per person of a set course bookable at those times; null when only seats are sold. */
  minPrice: number | null;
  /** Its first photo; null when it has none. */
  cover: BilingualPhoto | null;
}

/**
 * Restaurants where the party can book a table on the date (near `time` when given; with a
 * `budget`, only set courses at most that price per person count), best recommended first. Restaurants with nothing bookable are left out.
 */
export async function searchRestaurants(db: Executor, input: DiningQueryInput, clock: DiningClock = diningClock()): Promise<RestaurantSearchItem[]> {
  const query = parseDiningQuery(input, clock.today);
  const days = await loadRestaurantDays(db, { areaId: query.areaId, cuisine: query.cuisine }, query.date);
  const near = (time: string) => query.time === undefined || Math.abs(minutesOf(time) - minutesOf(query.time)) <= TIME_WINDOW_MINUTES;
  const found = days.flatMap((day) => {
    const affordable = new Set(day.courses.filter((c) => query.budget === undefined || (!c.seatOnly && c.pricePerPerson <= query.budget)).map((c) => c.id));
    const offers = offerSeatings(day, query.party, clock)
      .map((o) => ({ ...o, courseIds: o.courseIds.filter((id) => affordable.has(id)) }))
      .filter((o) => o.available && o.courseIds.length > 0 && near(o.time));
    if (offers.length === 0) return [];
    return [{ ...day.restaurant, times: offers.map((o) => o.time), minPrice: minCoursePrice(day, new Set(offers.flatMap((o) => o.courseIds))) }];
  });
  const covers = await galleryCovers(db, RESTAURANT_GALLERY, found.map((r) => r.id));
  return found.map((r) => ({ ...r, cover: covers.get(r.id) ?? null }));
}

export function minCoursePrice(day: RestaurantDay, courseIds: Set<number>): number | null {
  const prices = day.courses.filter((c) => courseIds.has(c.id) && !c.seatOnly).map((c) => c.pricePerPerson);
  return prices.length ? Math.min(...prices) : null;
}
