import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { type PaymentProvider, SandboxPaymentProvider } from '@hatago/payments';
import { recordingPaymentProvider } from '@hatago/payments/testing';
import { DomainError } from '@hatago/platform/errors';
import { createTestDatabase, type TestDatabase, testDatabaseTargets } from '@hatago/test-support';
import { cancelTableReservation } from '../cancellation/cancel-table-reservation.ts';
import { addTestRestaurant, TEST_CLOCK, testDiningContext, testRestaurant } from '../testing/test-restaurant.ts';
import { bookTable } from './book-table.ts';

const guest = { name: 'Hanako', email: 'hanako@example.com', phone: '090-1111-2222' };
const FRIDAY = '2027-03-05';
const sandbox = new SandboxPaymentProvider();
const tokenOf = (number: string) => sandbox.tokenise({ number, expiry: '12/39', cvc: '123' }).token;

for (const target of testDatabaseTargets()) {
  describe(`table card guarantees on ${target.name}`, () => {
    let db: TestDatabase;
    let n = 0;
    before(async () => {
      db = await createTestDatabase(target, { seed: false });
    });
    after(() => db.dispose());

    const rows = async () => (await sql<{ n: number }>`select (select count(*) from table_reservations) + (select count(*) from dining_idempotency) + (select count(*) from seating_stock) as n`.execute(db.database.db)).rows[0]!.n;
    const book = async (restaurant: { id: number; courseIds: number[] }, token: string | undefined, provider?: PaymentProvider, party = 2) =>
      bookTable(
        { ...testDiningContext(db.database.db), payments: provider },
        { restaurantId: restaurant.id, courseId: restaurant.courseIds[0], date: FRIDAY, time: '18:00', party, guest, guaranteeToken: token },
        { idempotencyKey: `guarantee-${target.name}-${++n}`, clock: TEST_CLOCK },
      );

    it('holds the total on the card and keeps only its brand and last four digits', async () => {
      const restaurant = await addTestRestaurant(db.database.db);
      const { provider, calls } = recordingPaymentProvider(sandbox);
      const { reservation } = await book(restaurant, tokenOf('5555555555554444'), provider);
      assert.deepEqual(reservation.guarantee, { brand: 'mastercard', last4: '4444', amount: 60000, status: 'authorised' });
      assert.deepEqual(calls, ['authorise 60000']);
      const { rows: stored } = await sql<{ row: string }>`select row_to_json(r)::text as row from table_reservations r where code = ${reservation.code}`.execute(db.database.db);
      assert.ok(!stored[0]!.row.includes('5555555555554444'), 'no card number is stored');
    });

    it('books nothing when the card is declined, and answers which field', async () => {
      const restaurant = await addTestRestaurant(db.database.db);
      const before = await rows();
      for (const [number, message] of [['4000000000000002', /declined; use another card/], ['4000000000009995', /insufficient funds/]] as const) {
        await assert.rejects(book(restaurant, tokenOf(number), sandbox), (error: unknown) =>
          error instanceof DomainError && error.code === 'CARD_DECLINED' && error.kind === 'invalid' && error.fields[0]!.field === 'guaranteeToken' && message.test(error.fields[0]!.message),
        );
      }
      await assert.rejects(book(restaurant, tokenOf('4242424242424242')), (error: unknown) => error instanceof DomainError && error.code === 'GUARANTEE_NOT_TAKEN');
      assert.equal(await rows(), before);
    });

    it('lets the hold go when the seating turns out full', async () => {
      const restaurant = await addTestRestaurant(db.database.db, testRestaurant({ capacity: { seats: 2 } }));
      await book(restaurant, tokenOf('4242424242424242'), sandbox);
      const { provider, calls } = recordingPaymentProvider(sandbox);
      await assert.rejects(book(restaurant, tokenOf('4242424242424242'), provider), (error: unknown) => error instanceof DomainError && error.code === 'SEATING_FULL');
      assert.deepEqual(calls, ['authorise 60000', 'release']);
    });

    it('charges a cancellation fee on the guarantee, and releases it when cancelling is free', async () => {
      const restaurant = await addTestRestaurant(db.database.db);
      const { provider, calls } = recordingPaymentProvider(sandbox);
      const context = { ...testDiningContext(db.database.db), payments: provider };
      const late = (await book(restaurant, tokenOf('4242424242424242'), provider)).reservation;
      const cancelled = await cancelTableReservation(context, late.code, { kind: 'guest', email: guest.email }, { now: new Date('2027-03-04T12:00:00Z') });
      assert.deepEqual([cancelled.reservation.cancelFee, cancelled.reservation.guarantee?.status], [60000, 'captured']);
      const early = (await book(restaurant, tokenOf('4242424242424242'), provider)).reservation;
      const free = await cancelTableReservation(context, early.code, { kind: 'guest', email: guest.email }, { now: new Date('2027-03-01T00:00:00Z') });
      assert.deepEqual([free.reservation.cancelFee, free.reservation.guarantee?.status], [0, 'released']);
      const stubborn = (await book(restaurant, tokenOf('4000000000000341'), provider)).reservation;
      const failed = await cancelTableReservation(context, stubborn.code, { kind: 'guest', email: guest.email }, { now: new Date('2027-03-04T12:00:00Z') });
      assert.equal(failed.reservation.guarantee?.status, 'capture_failed', 'the cancellation stands; the fee is left to collect');
      assert.deepEqual(calls, ['authorise 60000', `capture 60000 table-cancel-fee:${late.code}`, 'authorise 60000', 'release', 'authorise 60000', `capture 60000 table-cancel-fee:${stubborn.code}`]);
    });
  });
}
