import type { Executor } from '@hatago/db';
import { notFound } from '@hatago/platform/errors';
import { DiningErrors } from '../dining-errors.ts';
import { type DiningClock, diningClock, offerSeatings } from './booking-rules.ts';
import { parseDiningQuery } from './dining-query.ts';
import { loadRestaurantDays } from './load-restaurant-days.ts';
import type { RestaurantSummary } from './restaurant-day.ts';

export interface RestaurantAvailability {
  restaurant: RestaurantSummary;
  date: string;
  party: number;
  closed: boolean;
  /** `courseIds`: the courses the party could book at that seating, room or not. */
  seatings: Array<{ time: string; durationMinutes: number; available: boolean; courseIds: number[] }>;
  /** The courses the party can book at one seating or more of the date. */
  courses: Array<{ id: number; name: { ja: string; en: string }; pricePerPerson: number; seatOnly: boolean }>;
}

/** One restaurant's day for a party: every seating with whether it can take them, and the courses on offer. */
export async function getRestaurantAvailability(
  db: Executor,
  restaurantId: number,
  input: { date?: unknown; party?: unknown },
  clock: DiningClock = diningClock(),
): Promise<RestaurantAvailability> {
  const query = parseDiningQuery({ date: input.date, party: input.party }, clock.today);
  const [day] = Number.isInteger(restaurantId) ? await loadRestaurantDays(db, { ids: [restaurantId] }, query.date) : [];
  if (!day) throw notFound(DiningErrors.RESTAURANT_NOT_FOUND, 'No such restaurant');
  const offers = offerSeatings(day, query.party, clock);
  const offered = new Set(offers.flatMap((o) => o.courseIds));
  return {
    restaurant: day.restaurant,
    date: day.date,
    party: query.party,
    closed: day.closed,
    seatings: offers,
    courses: day.courses
      .filter((c) => offered.has(c.id))
      .map(({ id, name, pricePerPerson, seatOnly }) => ({ id, name, pricePerPerson, seatOnly })),
  };
}
