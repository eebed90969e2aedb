import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { SandboxPaymentProvider } from '@hatago/payments';
import { DomainError } from '@hatago/platform/errors';
import { createTestDatabase, type TestDatabase, testDatabaseTargets } from '@hatago/test-support';
import { cancelTableReservation } from '../cancellation/cancel-table-reservation.ts';
import { bookTable } from '../reservations/book-table.ts';
import { addTestRestaurant, TEST_CLOCK, testManagementContext, testRestaurant } from '../testing/test-restaurant.ts';
import { answerTableRequest } from './answer-table-request.ts';

const FRIDAY = '2027-03-05';
const isCode = (code: string) => (error: unknown) => error instanceof DomainError && error.code === code;

for (const target of testDatabaseTargets()) {
  describe(`answering table requests on ${target.name}`, () => {
    let db: TestDatabase;
    let n = 0;
    before(async () => {
      db = await createTestDatabase(target, { seed: false });
    });
    after(() => db.dispose());

    const request = async (restaurantId: number, courseId: number, locale: 'ja' | 'en') => {
      const guest = { name: 'Hanako', email: `hanako${++n}@example.com`, phone: '090-1111-2222' };
      const { reservation } = await bookTable(testManagementContext(db.database.db, restaurantId), { restaurantId, courseId, date: FRIDAY, time: '18:00', party: 3, guest }, { idempotencyKey: `answer-${target.name}-${n}`, clock: TEST_CLOCK, locale });
      return reservation;
    };
    const reserved = async (restaurantId: number) =>
      (await sql<{ n: number }>`select coalesce(sum(s.reserved), 0)::int as n from seating_stock s join restaurant_seatings rs on rs.id = s.seating_id where rs.restaurant_id = ${restaurantId}`.execute(db.database.db)).rows[0]!.n;
    const mails = async (code: string) =>
      (await sql<{ template: string; locale: string; recipient: string }>`select template, locale, recipient from mail_messages where reference = ${code} order by id`.execute(db.database.db)).rows.map((r) => `${r.template}/${r.locale}/${r.recipient}`);

    it('a new request mails the guest and the restaurant\u2019s address; accepting confirms it and mails the guest in their language', async () => {
      const { id, courseIds } = await addTestRestaurant(db.database.db, testRestaurant({ bookingMode: 'request', contactEmail: 'desk@shiken.example' }));
      const reservation = await request(id, courseIds[0]!, 'ja');
      assert.equal(reservation.status, 'requested');
      const context = testManagementContext(db.database.db, id);
      const accepted = await answerTableRequest(context, reservation.code.toLowerCase(), 'accept');
      assert.equal(accepted.status, 'confirmed');
      assert.equal(await reserved(id), 3, 'the held seats stay taken');
      assert.deepEqual(await mails(reservation.code), [
        `table-reservation-request/ja/${reservation.guest.email}`,
        'restaurant-new-request/ja/desk@shiken.example',
        `table-reservation-confirmation/ja/${reservation.guest.email}`,
      ]);
      assert.deepEqual(context.published, [{ restaurantId: id, kind: 'booking' }]);
      await assert.rejects(answerTableRequest(context, reservation.code, 'decline'), isCode('NOT_A_REQUEST'));
      assert.equal(await reserved(id), 3, 'a refused answer changes nothing');
    });

    it('declining lets the card guarantee go, and accepting keeps it held', async () => {
      const sandbox = new SandboxPaymentProvider();
      const token = () => sandbox.tokenise({ number: '4242424242424242', expiry: '12/39', cvc: '123' }).token;
      const { id, courseIds } = await addTestRestaurant(db.database.db, testRestaurant({ bookingMode: 'request' }));
      const context = { ...testManagementContext(db.database.db, id), payments: sandbox };
      const guarded = async () => {
        const guest = { name: 'Card', email: `card${++n}@example.com`, phone: '090-1111-2222' };
        const request = { restaurantId: id, courseId: courseIds[0]!, date: FRIDAY, time: '18:00', party: 2, guest, guaranteeToken: token() };
        return (await bookTable(context, request, { idempotencyKey: `answer-card-${target.name}-${n}`, clock: TEST_CLOCK })).reservation;
      };
      const [declined, accepted] = [await guarded(), await guarded()];
      assert.equal(declined.guarantee?.status, 'authorised');
      assert.equal((await answerTableRequest(context, declined.code, 'decline')).guarantee?.status, 'released');
      assert.equal((await answerTableRequest(context, accepted.code, 'accept')).guarantee?.status, 'authorised');
    });

    it('declining gives the seats back and mails the guest; another restaurant cannot answer; a withdrawn request cannot be answered', async () => {
      const { id, courseIds } = await addTestRestaurant(db.database.db, testRestaurant({ bookingMode: 'request' }));
      const other = await addTestRestaurant(db.database.db, testRestaurant({ bookingMode: 'request' }));
      const declined = await request(id, courseIds[0]!, 'en');
      const withdrawn = await request(id, courseIds[0]!, 'en');
      assert.equal(await reserved(id), 6);
      await assert.rejects(answerTableRequest(testManagementContext(db.database.db, other.id), declined.code, 'accept'), isCode('TABLE_RESERVATION_NOT_FOUND'));
      const answer = await answerTableRequest(testManagementContext(db.database.db, id), declined.code, 'decline');
      assert.equal(answer.status, 'declined');
      assert.equal(await reserved(id), 3);
      assert.deepEqual((await mails(declined.code)).at(-1), `table-reservation-declined/en/${declined.guest.email}`);
      const again = await cancelTableReservation(testManagementContext(db.database.db, id), declined.code, { kind: 'guest', email: declined.guest.email });
      assert.equal(again.alreadyCancelled, true, 'a declined request holds nothing to cancel');
      assert.equal(await reserved(id), 3);

      await cancelTableReservation(testManagementContext(db.database.db, id), withdrawn.code, { kind: 'guest', email: withdrawn.guest.email });
      await assert.rejects(answerTableRequest(testManagementContext(db.database.db, id), withdrawn.code, 'accept'), isCode('NOT_A_REQUEST'));
      assert.equal(await reserved(id), 0);
      const { rows } = await sql<{ action: string; actor_name: string }>`select action, actor_name from audit_log where target_type = 'table_reservation' and target_id in (${declined.code}, ${withdrawn.code})`.execute(db.database.db);
      assert.deepEqual(rows, [{ action: 'table_reservation.decline', actor_name: 'Test desk' }]);
    });
  });
}
