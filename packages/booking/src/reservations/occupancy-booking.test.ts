import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { quoteStay } from '@hatago/catalog';
import type { DomainError } from '@hatago/platform/errors';
import { addDays } from '@hatago/platform/time';
import { createTestDatabase, futureDate, type TestDatabase, testBookingContext, testDatabaseTargets } from '@hatago/test-support';
import { bookStay, type BookingRequest } from './book-stay.ts';

const guest = { name: '山田 太郎', nameLatin: 'Taro Yamada', email: 'occupancy@example.com', phone: '090-1111-2222' };

for (const target of testDatabaseTargets()) {
  describe(`booking a plan priced per number of guests on ${target.name}`, () => {
    let db: TestDatabase;
    let plan: { plan_id: number; room_type_id: number };
    /** Prices for 1, 2 and 3 guests on the stay's first night; its second night keeps the single price. */
    const priceNights = async (checkin: string) => {
      await sql`update plan_prices set price = 45000, occupancy_prices = null
        where plan_id = ${plan.plan_id} and stay_date in (${checkin}::date, ${addDays(checkin, 1)}::date)`.execute(db.database.db);
      await sql`update plan_prices set occupancy_prices = '{30000,40000,52000}'
        where plan_id = ${plan.plan_id} and stay_date = ${checkin}::date`.execute(db.database.db);
    };
    const storedNights = async (code: string) =>
      (await sql<{ price: number }>`
        select n.price from reservation_nights n join reservations r on r.id = n.reservation_id where r.code = ${code} order by n.stay_date`.execute(db.database.db)).rows.map(
        (n) => n.price,
      );
    const request = (checkin: string, party: { adults: number; children?: number; rooms?: number }): BookingRequest => ({
      planId: plan.plan_id, checkin, nights: 2, adults: party.adults, children: party.children ?? 0, rooms: party.rooms ?? 1, guest, acceptTerms: true,
    });

    before(async () => {
      db = await createTestDatabase(target);
      const { rows } = await sql<typeof plan>`
        select rp.id as plan_id, rp.room_type_id from rate_plans rp join room_types rt on rt.id = rp.room_type_id
        where rt.capacity >= 3 and not rp.guarantee_required order by rp.id limit 1`.execute(db.database.db);
      plan = rows[0]!;
    });
    after(() => db.dispose());

    it('records each night at the price charged for the party, children counted, in the same six statements', async () => {
      const checkin = futureDate(12);
      await priceNights(checkin);
      const statements: string[] = [];
      const counted = db.database.db.withPlugin({
        transformQuery: ({ node }) => (statements.push(node.kind), node),
        transformResult: async ({ result }) => result,
      });
      const { reservation } = await bookStay(testBookingContext(counted), request(checkin, { adults: 2, children: 1 }), { idempotencyKey: `occupancy-three-${target.name}` });
      assert.equal(statements.length, 6, statements.join(', '));
      assert.deepEqual(await storedNights(reservation.code), [52000, 45000], 'three guests in one room, then the single price');
      assert.equal(reservation.totalPrice, 97000);
      const quote = await quoteStay(db.database.db, plan.plan_id, { checkin, nights: 2, guests: 3, rooms: 1 });
      assert.equal(reservation.accommodationTax, quote.breakdown.accommodationTax);

      const alone = await bookStay(testBookingContext(db.database.db), request(checkin, { adults: 1 }), { idempotencyKey: `occupancy-one-${target.name}` });
      assert.deepEqual(await storedNights(alone.reservation.code), [30000, 45000]);
    });

    it('prices each room of the party by the guests it holds', async () => {
      const checkin = futureDate(16);
      await priceNights(checkin);
      const { reservation } = await bookStay(testBookingContext(db.database.db), request(checkin, { adults: 3, rooms: 2 }), { idempotencyKey: `occupancy-split-${target.name}` });
      assert.deepEqual(await storedNights(reservation.code), [40000 + 30000, 2 * 45000]);
      assert.equal(reservation.totalPrice, 160000);
    });

    it('books nothing when the party changed the price from the total the guest agreed to', async () => {
      const checkin = futureDate(20);
      await priceNights(checkin);
      const shownForTwo = (await quoteStay(db.database.db, plan.plan_id, { checkin, nights: 2, guests: 2, rooms: 1 })).totalPrice;
      await assert.rejects(
        bookStay(testBookingContext(db.database.db), request(checkin, { adults: 3 }), { idempotencyKey: `occupancy-changed-${target.name}`, expectedTotal: shownForTwo }),
        (error: unknown) => (error as DomainError).code === 'PRICE_CHANGED',
      );
    });

    it('still sells the last 2 rooms exactly once among concurrent parties of every size', async () => {
      const checkin = futureDate(24);
      await priceNights(checkin);
      await sql`update room_inventory set total = reserved + 2
        where room_type_id = ${plan.room_type_id} and stay_date in (${checkin}::date, ${addDays(checkin, 1)}::date)`.execute(db.database.db);
      const outcomes = await Promise.allSettled(
        Array.from({ length: 30 }, (_, i) =>
          bookStay(testBookingContext(db.database.db), { ...request(checkin, { adults: 1 + (i % 3) }), guest: { ...guest, email: `party${i}@example.com` } }, {
            idempotencyKey: `occupancy-race-${target.name}-${i}`,
          }),
        ),
      );
      const won = outcomes.flatMap((o) => (o.status === 'fulfilled' ? [o.value.reservation] : []));
      assert.equal(won.length, 2);
      for (const o of outcomes) if (o.status === 'rejected') assert.equal((o.reason as DomainError).code, 'SOLD_OUT');
      const { rows } = await sql<{ total: number; reserved: number }>`
        select total, reserved from room_inventory where room_type_id = ${plan.room_type_id}
          and stay_date in (${checkin}::date, ${addDays(checkin, 1)}::date)`.execute(db.database.db);
      for (const night of rows) assert.equal(night.reserved, night.total, 'full, not over');
      for (const r of won) {
        assert.deepEqual(await storedNights(r.code), [[30000, 40000, 52000][r.guests - 1]!, 45000], `the party of ${r.guests} pays its own price`);
      }
    });
  });
}
