import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { DomainError } from '@hatago/platform/errors';
import { createTestDatabase, type TestDatabase, testDatabaseTargets } from '@hatago/test-support';
import { bookTable } from '../reservations/book-table.ts';
import { addTestRestaurant, TEST_CLOCK, testDiningContext } from '../testing/test-restaurant.ts';
import { cancelTableAsOperator } from './cancel-table-as-operator.ts';

const guest = { name: 'Taro', email: 'taro@example.com', phone: '090-1111-2222' };
const support = { id: 7, name: 'Sam Support', role: 'support' as const };
const admin = { id: 8, name: 'Ada Admin', role: 'admin' as const };
const thirtyHoursBefore = new Date(Date.parse('2027-03-05T09:00:00Z') - 30 * 3_600_000);
const isCode = (code: string) => (error: unknown) => error instanceof DomainError && error.code === code;

for (const target of testDatabaseTargets()) {
  describe(`operator table cancellation on ${target.name}`, () => {
    let db: TestDatabase;
    let n = 0;
    before(async () => {
      db = await createTestDatabase(target, { seed: false });
    });
    after(() => db.dispose());

    const book = async () => {
      const { id, courseIds } = await addTestRestaurant(db.database.db);
      const request = { restaurantId: id, courseId: courseIds[0]!, date: '2027-03-05', time: '18:00', party: 2, guest };
      return (await bookTable(testDiningContext(db.database.db), request, { idempotencyKey: `op-cancel-${target.name}-${++n}`, clock: TEST_CLOCK })).reservation;
    };
    const audits = async (code: string) =>
      (await sql<{ actor_name: string; detail: string }>`select actor_name, detail::text as detail from audit_log where target_type = 'reservation' and target_id = ${code}`.execute(db.database.db)).rows.map(
        (r): Record<string, unknown> => ({ by: r.actor_name, ...(JSON.parse(r.detail) as Record<string, unknown>) }),
      );

    it('charges the course\u2019s fee, records who and why with the cancellation, and records nothing for a retry', async () => {
      const reservation = await book();
      const context = testDiningContext(db.database.db);
      await assert.rejects(cancelTableAsOperator(context, reservation.code, { operator: support, reason: '  ', waiveFee: false, requestId: 'r1' }, thirtyHoursBefore), isCode('INVALID_CANCELLATION'));
      const { reservation: cancelled } = await cancelTableAsOperator(context, reservation.code, { operator: support, reason: 'Guest called: ill', waiveFee: false, requestId: 'r2' }, thirtyHoursBefore);
      assert.deepEqual([cancelled.status, cancelled.cancelFee, cancelled.cancelledBy], ['cancelled', 30000, 'operator']);
      const again = await cancelTableAsOperator(context, reservation.code, { operator: support, reason: 'again', waiveFee: false, requestId: 'r3' }, thirtyHoursBefore);
      assert.equal(again.alreadyCancelled, true);
      assert.deepEqual(await audits(reservation.code), [{ by: 'Sam Support', reason: 'Guest called: ill', fee: 30000, waived: false, restaurantId: reservation.restaurantId }]);
    });

    it('lets only an admin waive the fee, and a support refusal changes nothing', async () => {
      const reservation = await book();
      const context = testDiningContext(db.database.db);
      await assert.rejects(cancelTableAsOperator(context, reservation.code, { operator: support, reason: 'Storm', waiveFee: true, requestId: 'r4' }, thirtyHoursBefore), isCode('ROLE_REQUIRED'));
      assert.deepEqual(context.published, []);
      const { reservation: cancelled } = await cancelTableAsOperator(context, reservation.code, { operator: admin, reason: 'Storm', waiveFee: true, requestId: 'r5' }, thirtyHoursBefore);
      assert.equal(cancelled.cancelFee, 0);
      assert.deepEqual((await audits(reservation.code)).map((a) => [a.by, a.waived]), [['Ada Admin', true]]);
    });
  });
}
