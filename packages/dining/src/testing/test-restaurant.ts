import { sql } from 'kysely';
import type { Executor } from '@hatago/db';
import { diningClock } from '../availability/booking-rules.ts';
import type { DiningChange } from '../dining-context.ts';
import { insertRestaurant, type RestaurantSpec } from '../restaurants/insert-restaurant.ts';

/** 09:00 in Tokyo on Monday 1 March 2027: every test judges the rules at this instant. */
export const TEST_CLOCK = diningClock(new Date('2027-03-01T00:00:00Z'));

/** A holiday of the test restaurant, a Wednesday it would otherwise be open. */
export const TEST_HOLIDAY = '2027-03-10';

export const DINNER = { name: { ja: '季節のおまかせ', en: 'Seasonal omakase' }, pricePerPerson: 30000 };

/**
 * Closed on Mondays and on TEST_HOLIDAY; lunch at 12:00, dinner at 18:00 and 20:30. The
 * dinner course books up to 30 days ahead and closes 2 hours before; the lunch course is
 * served at weekends only; the seat-only course, at dinner, is free, takes up to 8 and
 * books until the seating starts.
 */
export const testRestaurant = (overrides: Partial<RestaurantSpec> = {}): RestaurantSpec => ({
  areaId: 'test-area',
  name: { ja: '試験亭', en: 'Shiken-tei' },
  description: { ja: '試験用', en: 'For tests' },
  cuisine: 'kaiseki',
  priceBand: 4,
  address: 'Tokyo',
  openWeekdays: [2, 3, 4, 5, 6, 7],
  opensAt: '11:30',
  closesAt: '23:00',
  capacity: { seats: 10 },
  bookingMode: 'instant',
  contactEmail: 'shiken@example.com',
  seatings: [
    { startsAt: '12:00', durationMinutes: 90 },
    { startsAt: '18:00', durationMinutes: 120 },
    { startsAt: '20:30', durationMinutes: 120 },
  ],
  holidays: [TEST_HOLIDAY],
  courses: [
    {
      ...DINNER,
      minParty: 2,
      maxParty: 6,
      weekdays: [1, 2, 3, 4, 5, 6, 7],
      servedFrom: '17:00',
      advanceDays: 30,
      cutoffMinutes: 120,
      cancelFees: [
        { withinHours: 48, percent: 50 },
        { withinHours: 24, percent: 100 },
      ],
    },
    {
      name: { ja: '週末の昼膳', en: 'Weekend lunch' },
      pricePerPerson: 8000,
      minParty: 1,
      maxParty: 4,
      weekdays: [6, 7],
      servedUntil: '14:00',
      advanceDays: 60,
      cutoffMinutes: 60,
      cancelFees: [],
    },
    {
      name: { ja: '席のみ', en: 'Table only' },
      pricePerPerson: 0,
      seatOnly: true,
      minParty: 1,
      maxParty: 8,
      weekdays: [1, 2, 3, 4, 5, 6, 7],
      servedFrom: '17:00',
      advanceDays: 30,
      cutoffMinutes: 0,
      cancelFees: [],
    },
  ],
  ...overrides,
});

/** Inserts a restaurant in the test area (created once); returns its id and its course ids in spec order. */
export async function addTestRestaurant(db: Executor, spec: RestaurantSpec = testRestaurant()): Promise<{ id: number; courseIds: number[] }> {
  await sql`insert into areas (id, name_ja, name_en) values ('test-area', '試験', 'Test area') on conflict do nothing`.execute(db);
  const id = await insertRestaurant(db, spec);
  const { rows } = await sql<{ id: number }>`select id from restaurant_courses where restaurant_id = ${id} order by sort_order`.execute(db);
  return { id, courseIds: rows.map((r) => r.id) };
}

/** A dining context whose published changes a test may read. */
export function testDiningContext(db: Executor) {
  const published: DiningChange[] = [];
  return { db, published, changes: { publish: async (change: DiningChange) => void published.push(change) } };
}

/** A restaurant's staff context for management tests, recording what it publishes. */
export function testManagementContext(db: Executor, restaurantId: number, actor = { id: 1, name: 'Test desk' }) {
  return { ...testDiningContext(db), restaurantId, actor, requestId: `test-${restaurantId}` };
}
