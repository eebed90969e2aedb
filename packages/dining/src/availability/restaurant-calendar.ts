import type { Executor } from '@hatago/db';
import { addDays } from '@hatago/platform/time';
import { type DiningClock, diningClock, offerSeatings } from './booking-rules.ts';
import { parseDiningQuery } from './dining-query.ts';
import { loadRestaurantDays } from './load-restaurant-days.ts';
import { minCoursePrice } from './search-restaurants.ts';

export interface RestaurantCalendarDay {
  date: string;
  /** The seatings the party can book that day, HH:MM; empty when none can take it. */
  times: string[];
  /** The lowest price per person of a set course bookable that day; null when only seats are. */
  minPrice: number | null;
}

/**
 * A restaurant's days from `from` for a party, judged exactly as a booking would be (each
 * day read through the same loader as search and booking, so per-date closures and
 * capacity apply alike). Days before today and past the horizon are left out.
 */
export async function getRestaurantCalendar(
  db: Executor,
  restaurantId: number,
  input: { from: string; days: number; party?: unknown },
  clock: DiningClock = diningClock(),
): Promise<RestaurantCalendarDay[]> {
  const { party } = parseDiningQuery({ date: clock.today, party: input.party }, clock.today);
  const out: RestaurantCalendarDay[] = [];
  for (let i = 0; i < input.days; i++) {
    const date = addDays(input.from, i);
    if (date < clock.today) continue;
    const [day] = await loadRestaurantDays(db, { ids: [restaurantId] }, date);
    if (!day) return [];
    const offers = offerSeatings(day, party, clock).filter((o) => o.available);
    out.push({ date, times: offers.map((o) => o.time), minPrice: minCoursePrice(day, new Set(offers.flatMap((o) => o.courseIds))) });
  }
  return out;
}
