import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { DomainError } from '@hatago/platform/errors';
import { createTestDatabase, type TestDatabase, testDatabaseTargets } from '@hatago/test-support';
import { bookTable } from '../reservations/book-table.ts';
import { addTestRestaurant, TEST_CLOCK, testManagementContext, testRestaurant } from '../testing/test-restaurant.ts';
import { getCourse, saveCourse } from './courses-admin.ts';
import { capacityMonth, setDateCapacity, setDatesClosed } from './date-capacity.ts';
import { listSeatings, saveSeating } from './seatings-admin.ts';

const guest = { name: 'Taro', email: 'taro@example.com', phone: '090-1111-2222' };
const FRIDAY = '2027-03-05';
const SATURDAY = '2027-03-06';
const isCode = (code: string) => (error: unknown) => error instanceof DomainError && error.code === code;
const fieldsOf = async (promise: Promise<unknown>) => {
  const error = await promise.then(
    () => assert.fail('expected a refusal'),
    (e: unknown) => e,
  );
  assert.ok(error instanceof DomainError);
  return { code: error.code, fields: error.fields.map((f) => f.field), messages: error.fields.map((f) => f.message).join(' | ') };
};

for (const target of testDatabaseTargets()) {
  describe(`restaurant management on ${target.name}`, () => {
    let db: TestDatabase;
    let n = 0;
    before(async () => {
      db = await createTestDatabase(target, { seed: false });
    });
    after(() => db.dispose());

    const book = (restaurantId: number, courseId: number, party: number, date = FRIDAY) =>
      bookTable(testManagementContext(db.database.db, restaurantId), { restaurantId, courseId, date, time: '18:00', party, guest }, { idempotencyKey: `mgmt-${target.name}-${++n}`, clock: TEST_CLOCK });
    const stock = async (restaurantId: number, date: string) =>
      (
        await sql<{ time: string; table_seats: number; total: number; reserved: number }>`
          select rs.starts_at as time, s.table_seats, s.total, s.reserved from seating_stock s join restaurant_seatings rs on rs.id = s.seating_id
          where rs.restaurant_id = ${restaurantId} and s.service_date = ${date}::date order by rs.starts_at, s.table_seats`.execute(db.database.db)
      ).rows;
    const audits = async (restaurantId: number) =>
      (await sql<{ action: string }>`select action from audit_log where detail::jsonb ->> 'restaurantId' = ${String(restaurantId)} order by id`.execute(db.database.db)).rows.map((r) => r.action);

    it('sets a range\u2019s capacity on booked and unbooked seatings, refusing below what is sold with the field and changing nothing', async () => {
      const { id, courseIds } = await addTestRestaurant(db.database.db);
      await book(id, courseIds[0]!, 4);
      const context = testManagementContext(db.database.db, id);
      const bookedBefore = await stock(id, FRIDAY);
      const refused = await fieldsOf(setDateCapacity(context, { from: FRIDAY, to: SATURDAY, seats: '3' }));
      assert.deepEqual([refused.code, refused.fields], ['CAPACITY_BELOW_BOOKED', ['seats']]);
      assert.match(refused.messages, /4 seats are already sold on 2027-03-05; set at least 4/);
      assert.deepEqual(await stock(id, FRIDAY), bookedBefore, 'nothing changed');
      assert.deepEqual(context.published, [], 'a refused change publishes nothing');

      assert.deepEqual(await setDateCapacity(context, { from: FRIDAY, to: SATURDAY, seats: '6' }), { dates: 2 });
      assert.deepEqual(
        (await stock(id, FRIDAY)).map((r) => [r.time, r.total, r.reserved]),
        [['12:00', 6, 0], ['18:00', 6, 4], ['20:30', 6, 0]],
      );
      assert.equal((await stock(id, SATURDAY)).length, 3);
      assert.deepEqual(context.published, [{ restaurantId: id, kind: 'restaurant' }]);
      assert.deepEqual(await audits(id), ['capacity.set']);
      // the new count is what bookings now meet: 2 seats left at 18:00
      await assert.rejects(book(id, courseIds[0]!, 3), isCode('SEATING_FULL'));
      await book(id, courseIds[0]!, 2);
      const march = await capacityMonth(db.database.db, id, '2027-03');
      const friday = march.find((d) => d.date === FRIDAY)!;
      assert.deepEqual(friday.seatings.map((s) => s.units[0]), [{ tableSeats: 0, total: 6, reserved: 0 }, { tableSeats: 0, total: 6, reserved: 6 }, { tableSeats: 0, total: 6, reserved: 0 }]);
      assert.equal(march.find((d) => d.date === '2027-03-01')!.closed, true, 'closed on Mondays');
    });

    it('never lets a capacity change and concurrent bookings leave more sold than on sale', async () => {
      const { id, courseIds } = await addTestRestaurant(db.database.db);
      const context = testManagementContext(db.database.db, id);
      const bookings = Array.from({ length: 12 }, () => book(id, courseIds[0]!, 2, SATURDAY).then(() => 'booked', (e: unknown) => (e as DomainError).code));
      const changes = [4, 6, 2].map((seats) => setDateCapacity(context, { from: SATURDAY, to: SATURDAY, seats: String(seats) }).then(() => `set ${seats}`, (e: unknown) => (e as DomainError).code));
      const outcomes = await Promise.all([...bookings, ...changes]);
      assert.ok(outcomes.every((o) => ['booked', 'SEATING_FULL', 'CAPACITY_BELOW_BOOKED', 'set 4', 'set 6', 'set 2'].includes(o)), outcomes.join());
      const rows = await stock(id, SATURDAY);
      const dinner = rows.find((r) => r.time === '18:00')!;
      assert.ok(dinner.reserved <= dinner.total, `${dinner.reserved} sold of ${dinner.total}`);
      assert.equal(dinner.reserved, 2 * outcomes.filter((o) => o === 'booked').length);
      assert.ok(outcomes.some((o) => o === 'booked'));
    });

    it('sets tables by size for one seating only, and rejects bad counts field by field', async () => {
      const { id, courseIds } = await addTestRestaurant(db.database.db, testRestaurant({ capacity: { tables: [{ seats: 2, tables: 3, minParty: 1 }, { seats: 4, tables: 2, minParty: 3 }] } }));
      await book(id, courseIds[0]!, 4);
      const context = testManagementContext(db.database.db, id);
      const [, dinner] = await listSeatings(db.database.db, id);
      const bad = await fieldsOf(setDateCapacity(context, { from: FRIDAY, to: '2027-02-30', seating: '999999', 'tables-2': 'many', 'tables-4': '1' }));
      assert.deepEqual(bad.fields.sort(), ['seating', 'tables-2', 'to']);
      const refused = await fieldsOf(setDateCapacity(context, { from: FRIDAY, to: FRIDAY, seating: String(dinner!.id), 'tables-2': '5', 'tables-4': '0' }));
      assert.deepEqual([refused.code, refused.fields], ['CAPACITY_BELOW_BOOKED', ['tables-4']]);
      await setDateCapacity(context, { from: FRIDAY, to: FRIDAY, seating: String(dinner!.id), 'tables-2': '5', 'tables-4': '1' });
      assert.deepEqual((await stock(id, FRIDAY)).map((r) => [r.time, r.table_seats, r.total, r.reserved]), [['18:00', 2, 5, 0], ['18:00', 4, 1, 1]]);
    });

    it('closes dates to bookings and opens them again', async () => {
      const { id, courseIds } = await addTestRestaurant(db.database.db);
      const context = testManagementContext(db.database.db, id);
      assert.deepEqual(await setDatesClosed(context, { from: FRIDAY, to: SATURDAY, closed: 'close' }), { dates: 2 });
      await assert.rejects(book(id, courseIds[0]!, 2), isCode('TABLE_NOT_BOOKABLE'));
      assert.deepEqual(await setDatesClosed(context, { from: FRIDAY, to: FRIDAY, closed: 'open' }), { dates: 1 });
      await book(id, courseIds[0]!, 2);
      await assert.rejects(setDatesClosed(context, { from: '2020-01-01', to: FRIDAY, closed: 'maybe' }), isCode('INVALID_CAPACITY'));
      assert.deepEqual(await audits(id), ['dates.close', 'dates.open']);
    });

    it('adds and moves seatings within hours and apart, but keeps a booked seating\u2019s start', async () => {
      const { id, courseIds } = await addTestRestaurant(db.database.db);
      const context = testManagementContext(db.database.db, id);
      const overlap = await fieldsOf(saveSeating(context, null, { startsAt: '19:00', durationMinutes: '60' }));
      assert.equal(overlap.code, 'INVALID_SEATING');
      assert.match(overlap.messages, /runs into/);
      assert.match((await fieldsOf(saveSeating(context, null, { startsAt: '22:30', durationMinutes: '90' }))).messages, /outside opening hours/);
      const added = await saveSeating(context, null, { startsAt: '14:00', durationMinutes: '120' });
      assert.deepEqual((await listSeatings(db.database.db, id)).map((s) => s.startsAt), ['12:00', '14:00', '18:00', '20:30']);
      await saveSeating(context, added.id, { startsAt: '14:30', durationMinutes: '90' });
      await book(id, courseIds[0]!, 2);
      const dinner = (await listSeatings(db.database.db, id)).find((s) => s.startsAt === '18:00')!;
      assert.match((await fieldsOf(saveSeating(context, dinner.id, { startsAt: '17:30', durationMinutes: '120' }))).messages, /1 upcoming booking\(s\) hold the 18:00 seating/);
      await saveSeating(context, dinner.id, { startsAt: '18:00', durationMinutes: '150' });
      const other = await addTestRestaurant(db.database.db);
      await assert.rejects(saveSeating(testManagementContext(db.database.db, other.id), dinner.id, { startsAt: '18:00', durationMinutes: '120' }), isCode('SEATING_NOT_FOUND'));
      assert.deepEqual(await audits(id), ['seating.create', 'seating.update', 'seating.update']);
    });

    it('saves courses with fee rules and days, refuses bad ones, and never another restaurant\u2019s', async () => {
      const { id, courseIds } = await addTestRestaurant(db.database.db);
      const context = testManagementContext(db.database.db, id);
      const form = {
        nameJa: '特選', nameEn: 'Special', descriptionJa: '', descriptionEn: '', pricePerPerson: '45000', minParty: '2', maxParty: '4',
        day: ['5', '6'], servedFrom: '17:00', servedUntil: '21:00', advanceDays: '30', cutoffMinutes: '1440', cancelFees: '24:100, 72h:30%', active: 'on',
      };
      const bad = await fieldsOf(saveCourse(context, null, { ...form, maxParty: '1', day: '9', cancelFees: '48 50', servedUntil: '25:00' }));
      assert.deepEqual([bad.code, bad.fields.sort()], ['INVALID_COURSE', ['cancelFees', 'day', 'maxParty', 'servedUntil']]);
      const course = await saveCourse(context, null, form);
      assert.deepEqual([course.weekdays, course.cancelFees, course.active], [[5, 6], [{ withinHours: 72, percent: 30 }, { withinHours: 24, percent: 100 }], true]);
      const { reservation } = await book(id, course.id, 2);
      assert.equal(reservation.totalPrice, 90000);
      const changed = await saveCourse(context, courseIds[0]!, { ...form, pricePerPerson: '1000' });
      assert.equal((await getCourse(db.database.db, id, changed.id)).pricePerPerson, 1000);
      const other = await addTestRestaurant(db.database.db);
      await assert.rejects(saveCourse(testManagementContext(db.database.db, other.id), course.id, form), isCode('COURSE_NOT_FOUND'));
      assert.equal((await getCourse(db.database.db, id, course.id)).name.en, 'Special');
      assert.deepEqual(await audits(id), ['course.create', 'course.update']);
    });
  });
}
