import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { DomainError } from '@hatago/platform/errors';
import { createTestDatabase, type TestDatabase, testDatabaseTargets } from '@hatago/test-support';
import { bookTable } from '../reservations/book-table.ts';
import { addTestRestaurant, DINNER, TEST_CLOCK, TEST_HOLIDAY, testDiningContext, testRestaurant } from '../testing/test-restaurant.ts';
import { diningClock } from './booking-rules.ts';
import { getRestaurantAvailability } from './restaurant-availability.ts';
import { getRestaurantProfile } from '../restaurants/restaurant-profile.ts';
import { getRestaurantCalendar } from './restaurant-calendar.ts';
import { searchRestaurants } from './search-restaurants.ts';

const TUESDAY = '2027-03-02';
const SATURDAY = '2027-03-06';
const guest = { name: 'Hanako', email: 'hanako@example.com', phone: '090-1234-5678' };
const times = (seatings: Array<{ time: string; available: boolean }>) => seatings.filter((s) => s.available).map((s) => s.time);

for (const target of testDatabaseTargets()) {
  describe(`restaurant availability on ${target.name}`, () => {
    let db: TestDatabase;
    let restaurant: { id: number; courseIds: number[] };
    let sushi: { id: number; courseIds: number[] };
    before(async () => {
      db = await createTestDatabase(target, { seed: false });
      restaurant = await addTestRestaurant(db.database.db);
      sushi = await addTestRestaurant(db.database.db, testRestaurant({ cuisine: 'sushi', recommendation: 10, capacity: { seats: 2 }, name: { ja: '鮨 試', en: 'Sushi Tameshi' } }));
    });
    after(() => db.dispose());

    it('lists a day\'s seatings and the courses the party can book, at the injected clock', async () => {
      const weekday = await getRestaurantAvailability(db.database.db, restaurant.id, { date: TUESDAY, party: '2' }, TEST_CLOCK);
      assert.deepEqual(times(weekday.seatings), ['18:00', '20:30'], 'no course is served at a weekday lunch');
      assert.deepEqual(weekday.courses.map((c) => [c.name.en, c.pricePerPerson]), [[DINNER.name.en, DINNER.pricePerPerson], ['Table only', 0]]);
      const weekend = await getRestaurantAvailability(db.database.db, restaurant.id, { date: SATURDAY, party: 2 }, TEST_CLOCK);
      assert.deepEqual(times(weekend.seatings), ['12:00', '18:00', '20:30']);
      assert.equal(weekend.courses.length, 3);
    });

    it('closes a seating at the cut-off of every course served there', async () => {
      const at = (iso: string) => getRestaurantAvailability(db.database.db, restaurant.id, { date: TUESDAY, party: 2 }, diningClock(new Date(iso)));
      assert.deepEqual(times((await at('2027-03-02T08:59:00Z')).seatings), ['18:00', '20:30'], '17:59: the table-only course books until the start');
      assert.deepEqual(times((await at('2027-03-02T09:00:01Z')).seatings), ['20:30']);
      const late = await at('2027-03-02T11:30:01Z');
      assert.deepEqual(times(late.seatings), []);
      assert.deepEqual(late.courses, []);
    });

    it('offers nothing on closed days and holidays, and courses only within their advance window and party sizes', async () => {
      const day = (date: string, party = 2) => getRestaurantAvailability(db.database.db, restaurant.id, { date, party }, TEST_CLOCK);
      const monday = await day('2027-03-08');
      assert.equal(monday.closed, true);
      assert.deepEqual(times(monday.seatings), []);
      assert.deepEqual(times((await day(TEST_HOLIDAY)).seatings), []);
      const far = await day('2027-04-17'); // a Saturday 47 days ahead: only the lunch course's 60 days reach it
      assert.deepEqual(far.courses.map((c) => c.name.en), ['Weekend lunch']);
      assert.deepEqual(times(far.seatings), ['12:00']);
      assert.deepEqual((await day(TUESDAY, 7)).courses.map((c) => c.name.en), ['Table only'], 'the dinner course takes up to 6');
      assert.deepEqual(times((await day(TUESDAY, 9)).seatings), [], 'no course takes 9');
    });

    it('searches the restaurants with a bookable time near the one asked, with their lowest course price', async () => {
      const found = await searchRestaurants(db.database.db, { area: 'test-area', date: TUESDAY, time: '19:00', party: '2' }, TEST_CLOCK);
      assert.deepEqual(found.map((r) => [r.name.en, r.times, r.minPrice]), [
        ['Sushi Tameshi', ['18:00'], 30000],
        ['Shiken-tei', ['18:00'], 30000],
      ], 'best recommended first; 20:30 is more than an hour after 19:00');
      const sushiOnly = await searchRestaurants(db.database.db, { area: 'test-area', date: TUESDAY, party: 2, cuisine: 'sushi' }, TEST_CLOCK);
      assert.deepEqual(sushiOnly.map((r) => [r.id, r.times]), [[sushi.id, ['18:00', '20:30']]]);
      assert.deepEqual(await searchRestaurants(db.database.db, { area: 'test-area', date: '2027-03-08', party: 2 }, TEST_CLOCK), []);
    });

    it('drops a seating that can no longer take the party', async () => {
      const request = { restaurantId: sushi.id, courseId: sushi.courseIds[0], date: TUESDAY, time: '18:00', party: 2, guest };
      await bookTable(testDiningContext(db.database.db), request, { idempotencyKey: `fill-sushi-${target.name}`, clock: TEST_CLOCK });
      const after = await getRestaurantAvailability(db.database.db, sushi.id, { date: TUESDAY, party: 2 }, TEST_CLOCK);
      assert.deepEqual(after.seatings.map((s) => [s.time, s.available]), [['12:00', false], ['18:00', false], ['20:30', true]]);
    });

    it('keeps to a budget: only set courses at most that price per person count', async () => {
      const found = (budget: number) => searchRestaurants(db.database.db, { area: 'test-area', date: SATURDAY, party: 2, budget: String(budget) }, TEST_CLOCK);
      const lunchOnly = await found(10000);
      assert.deepEqual(lunchOnly.find((r) => r.id === restaurant.id)?.times, ['12:00'], 'only the 8,000 yen lunch fits');
      assert.equal(lunchOnly.find((r) => r.id === restaurant.id)?.minPrice, 8000);
      assert.deepEqual((await found(7999)).map((r) => r.id).includes(restaurant.id), false, 'seats alone do not meet a budget');
    });

    it('gives a calendar of bookable days judged as bookings are, and the profile guests read', async () => {
      const days = await getRestaurantCalendar(db.database.db, restaurant.id, { from: '2027-02-27', days: 10, party: 2 }, TEST_CLOCK);
      assert.equal(days[0]!.date, '2027-03-01', 'no day before today');
      const byDate = new Map(days.map((d) => [d.date, d]));
      assert.deepEqual(byDate.get('2027-03-01')?.times, [], 'closed on Mondays');
      assert.deepEqual(byDate.get(SATURDAY), { date: SATURDAY, times: ['12:00', '18:00', '20:30'], minPrice: 8000 });
      const profile = await getRestaurantProfile(db.database.db, restaurant.id);
      assert.deepEqual([profile.name.en, profile.courses.length, profile.courses[0]!.cancelFees.length], ['Shiken-tei', 3, 2]);
    });

    it('refuses a bad query with every field named, and an unknown restaurant', async () => {
      await assert.rejects(
        searchRestaurants(db.database.db, { area: 'Bad Area', date: '2027-02-28', time: '7pm', party: 0, cuisine: 'fusion' }, TEST_CLOCK),
        (error: unknown) =>
          error instanceof DomainError &&
          error.code === 'INVALID_DINING_QUERY' &&
          ['area', 'cuisine', 'date', 'party', 'time'].every((f) => error.fields.some((e) => e.field === f)),
      );
      await assert.rejects(getRestaurantAvailability(db.database.db, 999999, { date: TUESDAY }, TEST_CLOCK), (error: unknown) => error instanceof DomainError && error.code === 'RESTAURANT_NOT_FOUND');
    });
  });
}
