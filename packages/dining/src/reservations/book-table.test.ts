import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { DomainError } from '@hatago/platform/errors';
import { createTestDatabase, type TestDatabase, testDatabaseTargets } from '@hatago/test-support';
import { diningClock } from '../availability/booking-rules.ts';
import { addTestRestaurant, TEST_CLOCK, testDiningContext, testRestaurant } from '../testing/test-restaurant.ts';
import { bookTable } from './book-table.ts';
import type { TableBookingRequest } from './table-booking-request.ts';

const guest = { name: '山田 太郎', email: 'taro@example.com', phone: '090-1111-2222' };
const TUESDAY = '2027-03-02';

async function count(db: TestDatabase, table: 'table_reservations' | 'mail_messages' | 'dining_idempotency' | 'seating_stock') {
  const { rows } = await sql<{ n: number }>`select count(*)::int as n from ${sql.table(table)}`.execute(db.database.db);
  return rows[0]!.n;
}

async function stock(db: TestDatabase, restaurantId: number, date: string, time: string) {
  const { rows } = await sql<{ table_seats: number; total: number; reserved: number }>`
    select s.table_seats, s.total, s.reserved from seating_stock s join restaurant_seatings rs on rs.id = s.seating_id
    where rs.restaurant_id = ${restaurantId} and rs.starts_at = ${time} and s.service_date = ${date}::date order by s.table_seats
  `.execute(db.database.db);
  return rows;
}

const rejectsWith = (promise: Promise<unknown>, code: string, fields?: string[]) =>
  assert.rejects(promise, (error: unknown) => {
    assert.ok(error instanceof DomainError, String(error));
    assert.equal(error.code, code);
    if (fields) assert.deepEqual(error.fields.map((f) => f.field).sort(), [...fields].sort());
    return true;
  });

async function race(db: TestDatabase, request: TableBookingRequest, name: string) {
  const outcomes = await Promise.allSettled(
    Array.from({ length: 100 }, (_, i) =>
      bookTable(testDiningContext(db.database.db), { ...request, guest: { ...guest, email: `g${i}@example.com` } }, { idempotencyKey: `${name}-${i}`, clock: TEST_CLOCK }),
    ),
  );
  const lost = outcomes.filter((o): o is PromiseRejectedResult => o.status === 'rejected');
  for (const { reason } of lost) assert.deepEqual([(reason as DomainError).kind, (reason as DomainError).code], ['conflict', 'SEATING_FULL'], String(reason));
  return outcomes.length - lost.length;
}

for (const target of testDatabaseTargets()) {
  describe(`table booking on ${target.name}`, () => {
    let db: TestDatabase;
    before(async () => {
      db = await createTestDatabase(target, { seed: false });
    });
    after(() => db.dispose());

    it('sells the last 2 seats of a seating exactly twice among 100 concurrent bookings', async () => {
      const { id, courseIds } = await addTestRestaurant(db.database.db, testRestaurant({ capacity: { seats: 6 } }));
      const dinner = { restaurantId: id, courseId: courseIds[0], date: TUESDAY, time: '18:00', party: 4, guest };
      await bookTable(testDiningContext(db.database.db), dinner, { idempotencyKey: `first-four-${target.name}`, clock: TEST_CLOCK });
      const before = await count(db, 'table_reservations');

      const won = await race(db, { ...dinner, courseId: courseIds[2], party: 1 }, `seats-${target.name}`);
      assert.equal(won, 2);
      assert.deepEqual(await stock(db, id, TUESDAY, '18:00'), [{ table_seats: 0, total: 6, reserved: 6 }]);
      assert.equal((await count(db, 'table_reservations')) - before, 2);
    });

    it('sells the last table exactly once, the smallest that fits, among 100 concurrent bookings', async () => {
      const tables = [
        { seats: 2, tables: 1, minParty: 2 },
        { seats: 4, tables: 1, minParty: 3 },
      ];
      const { id, courseIds } = await addTestRestaurant(db.database.db, testRestaurant({ capacity: { tables } }));
      const request = { restaurantId: id, courseId: courseIds[0], date: TUESDAY, time: '20:30', party: 3, guest };
      const { reservation } = await bookTable(testDiningContext(db.database.db), request, { idempotencyKey: `party-of-3-${target.name}`, clock: TEST_CLOCK });
      assert.equal(reservation.tableSeats, 4);

      assert.equal(await race(db, { ...request, party: 2 }, `tables-${target.name}`), 1);
      assert.deepEqual(await stock(db, id, TUESDAY, '20:30'), [
        { table_seats: 2, total: 1, reserved: 1 },
        { table_seats: 4, total: 1, reserved: 1 },
      ]);
      await rejectsWith(bookTable(testDiningContext(db.database.db), { ...request, time: '18:00', courseId: courseIds[2], party: 1 }, { idempotencyKey: `one-guest-${target.name}`, clock: TEST_CLOCK }), 'SEATING_FULL');
    });

    it('makes one reservation per idempotency key, also when the key arrives concurrently, and refuses a reused key', async () => {
      const { id, courseIds } = await addTestRestaurant(db.database.db);
      const request = { restaurantId: id, courseId: courseIds[0], date: TUESDAY, time: '18:00', party: 2, guest, requests: '窓際の席を希望' };
      const context = testDiningContext(db.database.db);
      const key = `same-key-${target.name}`;
      const before = await count(db, 'table_reservations');
      const first = await bookTable(context, request, { idempotencyKey: key, clock: TEST_CLOCK });
      assert.deepEqual([first.reservation.status, first.reservation.totalPrice, first.reservation.requests], ['confirmed', 60000, '窓際の席を希望']);
      assert.match(first.reservation.code, /^RS[0-9A-Z]{10}$/);
      const second = await bookTable(context, request, { idempotencyKey: key, clock: TEST_CLOCK });
      assert.deepEqual([second.reservation.code, second.replayed], [first.reservation.code, true]);

      const racing = await Promise.all(
        Array.from({ length: 10 }, () => bookTable(context, request, { idempotencyKey: `${key}-concurrent`, clock: TEST_CLOCK })),
      );
      assert.equal(new Set(racing.map((r) => r.reservation.code)).size, 1);
      assert.equal(racing.filter((r) => !r.replayed).length, 1);
      assert.equal((await count(db, 'table_reservations')) - before, 2);
      assert.deepEqual(context.published, [{ restaurantId: id, kind: 'booking' }, { restaurantId: id, kind: 'booking' }], 'replays publish nothing');
      await rejectsWith(bookTable(context, { ...request, party: 3 }, { idempotencyKey: key, clock: TEST_CLOCK }), 'IDEMPOTENCY_KEY_REUSED');
    });

    it('refuses bad input and the restaurant\'s rules with field errors, writing nothing', async () => {
      const { id, courseIds } = await addTestRestaurant(db.database.db);
      const context = testDiningContext(db.database.db);
      const tables = ['table_reservations', 'mail_messages', 'dining_idempotency', 'seating_stock'] as const;
      const counts = async () => Promise.all(tables.map((table) => count(db, table)));
      const before = await counts();
      const book = (request: TableBookingRequest, key = `bad-${target.name}-${Math.random()}`) => bookTable(context, request, { idempotencyKey: key, clock: TEST_CLOCK });
      const valid = { restaurantId: id, courseId: courseIds[0], date: TUESDAY, time: '18:00', party: 2, guest };

      await rejectsWith(
        book({ restaurantId: 'x', courseId: -1, date: '2027-02-30', time: '25:00', party: 0, guest: { name: '', email: 'no', phone: '' }, requests: 5 }),
        'INVALID_TABLE_BOOKING',
        ['restaurantId', 'courseId', 'date', 'time', 'party', 'guest.name', 'guest.email', 'guest.phone', 'requests'],
      );
      await rejectsWith(book(valid, 'short'), 'INVALID_IDEMPOTENCY_KEY');
      await rejectsWith(book({ ...valid, restaurantId: 999999 }), 'RESTAURANT_NOT_FOUND');
      await rejectsWith(book({ ...valid, date: '2027-03-08' }), 'TABLE_NOT_BOOKABLE', ['date']); // a Monday: closed
      await rejectsWith(book({ ...valid, date: '2027-03-10' }), 'TABLE_NOT_BOOKABLE', ['date']); // the holiday
      await rejectsWith(book({ ...valid, date: '2027-04-06' }), 'TABLE_NOT_BOOKABLE', ['date']); // beyond 30 days
      const pastCutoff = diningClock(new Date('2027-03-02T07:00:01Z')); // 16:00:01 in Tokyo, 2 hours before 18:00
      await rejectsWith(bookTable(context, valid, { idempotencyKey: `cutoff-${target.name}`, clock: pastCutoff }), 'TABLE_NOT_BOOKABLE', ['time']);
      await rejectsWith(book({ ...valid, time: '19:00' }), 'TABLE_NOT_BOOKABLE', ['time']);
      await rejectsWith(book({ ...valid, party: 7 }), 'TABLE_NOT_BOOKABLE', ['party']);
      await rejectsWith(book({ ...valid, courseId: courseIds[1], time: '12:00' }), 'TABLE_NOT_BOOKABLE', ['courseId']); // lunch on a weekday
      await rejectsWith(book({ ...valid, party: 20 }), 'TABLE_NOT_BOOKABLE', ['party']);
      await rejectsWith(bookTable(context, valid, { idempotencyKey: `price-${target.name}`, clock: TEST_CLOCK, expectedTotal: 50000 }), 'PRICE_CHANGED');
      assert.deepEqual(await counts(), before);
      assert.deepEqual(context.published, []);
    });

    it('holds the seats of a request booking, tells the guest it is a request and the restaurant that one waits', async () => {
      const { id, courseIds } = await addTestRestaurant(db.database.db, testRestaurant({ bookingMode: 'request', capacity: { seats: 2 } }));
      const request = { restaurantId: id, courseId: courseIds[0], date: TUESDAY, time: '18:00', party: 2, guest };
      const { reservation } = await bookTable(testDiningContext(db.database.db), request, { idempotencyKey: `request-${target.name}`, clock: TEST_CLOCK, locale: 'ja' });
      assert.equal(reservation.status, 'requested');
      assert.equal(reservation.restaurantName, '試験亭');
      assert.deepEqual(await stock(db, id, TUESDAY, '18:00'), [{ table_seats: 0, total: 2, reserved: 2 }]);
      const { rows } = await sql<{ template: string; locale: string; recipient: string }>`select template, locale, recipient from mail_messages where reference = ${reservation.code} order by id`.execute(db.database.db);
      assert.deepEqual(rows, [
        { template: 'table-reservation-request', locale: 'ja', recipient: guest.email },
        { template: 'restaurant-new-request', locale: 'ja', recipient: 'shiken@example.com' },
      ]);
      await rejectsWith(bookTable(testDiningContext(db.database.db), request, { idempotencyKey: `request-2-${target.name}`, clock: TEST_CLOCK }), 'SEATING_FULL');
    });
  });
}
