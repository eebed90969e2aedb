import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createTestDatabase, type TestDatabase, testDatabaseTargets } from '@hatago/test-support';
import { cancelTableReservation } from '../cancellation/cancel-table-reservation.ts';
import { exportTableReservationsCsv } from '../export/table-reservations-csv.ts';
import { answerTableRequest } from '../requests/answer-table-request.ts';
import { bookTable } from '../reservations/book-table.ts';
import { addTestRestaurant, TEST_CLOCK, testManagementContext, testRestaurant } from '../testing/test-restaurant.ts';
import { dayTimeline } from './day-timeline.ts';
import { getTableReservationByCode, searchTableReservations, tableFilterOf } from './table-reservation-queries.ts';

const FRIDAY = '2027-03-05';
const SATURDAY = '2027-03-06';

describe('the stays\' filter read for tables', () => {
  it('keeps the statuses tables share and finds nothing to search for a front desk status', () => {
    const base = { hotelId: 3, name: 'Sato', page: 2, pageSize: 20 };
    assert.deepEqual(tableFilterOf(base), { name: 'Sato', page: 2, pageSize: 20 });
    assert.deepEqual(tableFilterOf({ ...base, status: 'cancelled' }), { name: 'Sato', status: 'cancelled', page: 2, pageSize: 20 });
    for (const status of ['checked_in', 'checked_out', 'no_show'] as const) assert.equal(tableFilterOf({ ...base, status }), null);
  });
});

for (const target of testDatabaseTargets()) {
  describe(`table reservation queries on ${target.name}`, () => {
    let db: TestDatabase;
    let n = 0;
    before(async () => {
      db = await createTestDatabase(target, { seed: false });
    });
    after(() => db.dispose());

    const book = async (restaurantId: number, courseId: number, party: number, options: { date?: string; time?: string; name?: string } = {}) => {
      const guest = { name: options.name ?? `Guest ${++n}`, email: `g${n}@example.com`, phone: '090-1111-2222' };
      const request = { restaurantId, courseId, date: options.date ?? FRIDAY, time: options.time ?? '18:00', party, guest };
      return (await bookTable(testManagementContext(db.database.db, restaurantId), request, { idempotencyKey: `queries-${target.name}-${++n}`, clock: TEST_CLOCK })).reservation;
    };

    it('lays the day out by seating and numbered table, in booking order, leaving out what holds nothing', async () => {
      const { id, courseIds } = await addTestRestaurant(db.database.db, testRestaurant({ capacity: { tables: [{ seats: 2, tables: 2, minParty: 1 }, { seats: 4, tables: 1, minParty: 3 }] } }));
      const first = await book(id, courseIds[0]!, 2);
      const second = await book(id, courseIds[0]!, 2);
      const four = await book(id, courseIds[0]!, 4, { time: '20:30' });
      const gone = await book(id, courseIds[0]!, 3, { time: '20:30', date: SATURDAY });
      await cancelTableReservation(testManagementContext(db.database.db, id), gone.code, { kind: 'operator', waiveFee: true });
      await cancelTableReservation(testManagementContext(db.database.db, id), first.code, { kind: 'operator', waiveFee: true });
      const third = await book(id, courseIds[0]!, 2);
      const day = await dayTimeline(db.database.db, id, FRIDAY);
      assert.deepEqual(day.seatings.map((s) => [s.time, s.covers]), [['12:00', 0], ['18:00', 4], ['20:30', 4]]);
      assert.deepEqual(
        day.lanes.map((lane) => [lane.label, ...lane.cells.map((cell) => cell.map((r) => r.code).join())]),
        [
          ['Table for 2 · 1', '', second.code, ''],
          ['Table for 2 · 2', '', third.code, ''],
          ['Table for 4 · 1', '', '', four.code],
        ],
      );
      assert.equal((await dayTimeline(db.database.db, id, SATURDAY)).lanes.every((lane) => lane.cells.every((c) => c.length === 0)), true);
      assert.equal((await dayTimeline(db.database.db, id, '2027-03-08')).closed, true, 'a Monday');
    });

    it('searches one restaurant with requests waiting first, and exports the same rows as CSV', async () => {
      const { id, courseIds } = await addTestRestaurant(db.database.db, testRestaurant({ bookingMode: 'request' }));
      const other = await addTestRestaurant(db.database.db);
      const answered = await book(id, courseIds[0]!, 2, { name: '=cmd|calc' });
      const waiting = await book(id, courseIds[0]!, 2, { date: '2027-03-04', name: '鈴木 花子' });
      const theirs = await book(other.id, other.courseIds[0]!, 2);
      await answerTableRequest(testManagementContext(db.database.db, id), answered.code, 'accept');
      const latest = await book(id, courseIds[0]!, 2, { date: SATURDAY });
      const found = await searchTableReservations(db.database.db, { restaurantId: id, page: 1, pageSize: 10 });
      assert.deepEqual(found.items.map((r) => r.code), [waiting.code, latest.code, answered.code], 'requests first, oldest first; then latest date first');
      assert.equal(found.total, 3);
      assert.deepEqual((await searchTableReservations(db.database.db, { name: '鈴木', page: 1, pageSize: 10 })).items.map((r) => r.code), [waiting.code]);
      assert.deepEqual((await searchTableReservations(db.database.db, { code: theirs.code.toLowerCase(), restaurantId: id, page: 1, pageSize: 10 })).total, 0);
      assert.equal((await getTableReservationByCode(db.database.db, theirs.code)).restaurantId, other.id);
      await assert.rejects(getTableReservationByCode(db.database.db, theirs.code, { restaurantId: id }));

      const { csv, rows } = await exportTableReservationsCsv(db.database.db, { restaurantId: id, checkinFrom: FRIDAY });
      assert.equal(rows, 2);
      const lines = csv.replace(/^\uFEFF/, '').trimEnd().split('\r\n');
      assert.match(lines[0]!, /^Code,Status,Date,Seating,Minutes,Party,Table for,Guest name,/);
      assert.ok(lines[1]!.startsWith(`${latest.code},requested,${SATURDAY},18:00,120,2,,`));
      assert.ok(lines[2]!.includes(`${answered.code},confirmed,${FRIDAY},18:00,120,2,,'=cmd|calc,`), 'a formula is defused');
    });
  });
}
