import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { DomainError } from '@hatago/platform/errors';
import { addDays } from '@hatago/platform/time';
import { createTestDatabase, futureDate, RecordingChanges, type TestDatabase, testDatabaseTargets } from '@hatago/test-support';
import { quoteStay } from '../offers/stay-quote.ts';
import type { ManagementContext } from './management-context.ts';
import { setOccupancyPrices } from './occupancy-prices.ts';

for (const target of testDatabaseTargets()) {
  describe(`prices per number of guests set by the hotel on ${target.name}`, () => {
    let db: TestDatabase;
    let plan: { hotel_id: number; plan_id: number; capacity: number };
    let otherPlanId: number;
    const changes = new RecordingChanges();
    const context = (requestId: string): ManagementContext => ({ hotelId: plan.hotel_id, actor: { id: 1, name: 'Revenue Aiko' }, requestId, changes });
    const stored = async () =>
      (await sql<{ stay_date: string; occupancy_prices: Array<number | null> | null }>`
        select to_char(stay_date, 'YYYY-MM-DD') as stay_date, occupancy_prices from plan_prices
        where plan_id = ${plan.plan_id} and occupancy_prices is not null order by stay_date`.execute(db.database.db)).rows;
    const audits = async () =>
      (await sql<{ n: number }>`select count(*)::int as n from audit_log where action = 'rate_plan.occupancy_prices'`.execute(db.database.db)).rows[0]!.n;
    const refusal = (field: string) => (error: unknown) => error instanceof DomainError && error.kind === 'invalid' && error.fields.some((f) => f.field === field);

    before(async () => {
      db = await createTestDatabase(target);
      const { rows } = await sql<typeof plan>`
        select rt.hotel_id, rp.id as plan_id, rt.capacity from room_types rt join rate_plans rp on rp.room_type_id = rt.id
        where rt.capacity between 3 and 7 order by rt.hotel_id, rt.id, rp.id limit 1`.execute(db.database.db);
      plan = rows[0]!;
      otherPlanId = (await sql<{ id: number }>`
        select rp.id from rate_plans rp join room_types rt on rt.id = rp.room_type_id where rt.hotel_id <> ${plan.hotel_id} limit 1`.execute(db.database.db)).rows[0]!.id;
    });
    after(() => db.dispose());

    it('sets one plan\'s prices per guest count on the chosen weekdays of a range, audits and publishes after the commit', async () => {
      const from = futureDate(10);
      const to = addDays(from, 13);
      const weekday = String(new Date(`${from}T00:00:00Z`).getUTCDay());
      const auditsBefore = await audits();
      const result = await setOccupancyPrices(db.database.db, context('req-occ-1'), {
        from, to, weekday, planId: String(plan.plan_id), guests_1: '48000', guests_2: '56000', guests_3: '70000',
      });
      assert.deepEqual(result, { nights: 2 });
      assert.deepEqual(await stored(), [
        { stay_date: from, occupancy_prices: [48000, 56000, 70000] },
        { stay_date: addDays(from, 7), occupancy_prices: [48000, 56000, 70000] },
      ]);
      assert.equal(await audits(), auditsBefore + 1);
      assert.deepEqual(changes.published.at(-1), { hotelId: plan.hotel_id, kind: 'prices' });

      const quote = (guests: number) => quoteStay(db.database.db, plan.plan_id, { checkin: from, nights: 1, guests, rooms: 1 });
      assert.deepEqual([(await quote(1)).totalPrice, (await quote(2)).totalPrice, (await quote(3)).totalPrice], [48000, 56000, 70000]);

      // a count left empty pays the single price; `remove` takes them all away
      await setOccupancyPrices(db.database.db, context('req-occ-2'), { from, to: from, planId: String(plan.plan_id), guests_2: '50000' });
      assert.deepEqual((await stored())[0], { stay_date: from, occupancy_prices: [null, 50000] });
      const single = (await sql<{ price: number }>`select price from plan_prices where plan_id = ${plan.plan_id} and stay_date = ${from}::date`.execute(db.database.db)).rows[0]!.price;
      assert.equal((await quote(1)).totalPrice, single);
      await setOccupancyPrices(db.database.db, context('req-occ-3'), { from, to, planId: String(plan.plan_id), remove: 'on' });
      assert.deepEqual(await stored(), []);
    });

    it('refuses bad input with the field named and changes nothing', async () => {
      const from = futureDate(30);
      const base = { from, to: addDays(from, 2), planId: String(plan.plan_id) };
      const before = await stored();
      const auditsBefore = await audits();
      const published = changes.published.length;
      const cases: Array<[Record<string, string>, string]> = [
        [{ ...base, guests_1: '48000.5' }, 'guests_1'],
        [{ ...base, guests_2: '-5' }, 'guests_2'],
        [{ ...base, guests_2: 'abc' }, 'guests_2'],
        [{ ...base, guests_1: '48000', [`guests_${plan.capacity + 1}`]: '90000' }, `guests_${plan.capacity + 1}`],
        [{ ...base, planId: String(otherPlanId), guests_1: '48000' }, 'planId'],
        [{ ...base }, 'guests_1'],
        [{ ...base, guests_1: '48000', remove: 'on' }, 'remove'],
        [{ ...base, to: addDays(from, 400), guests_1: '48000' }, 'to'],
      ];
      for (const [form, field] of cases) {
        await assert.rejects(setOccupancyPrices(db.database.db, context('req-occ-bad'), form), refusal(field), `${JSON.stringify(form)} names ${field}`);
      }
      // a night without the plan's single price refuses the whole range, inside the transaction
      await sql`delete from plan_prices where plan_id = ${plan.plan_id} and stay_date = ${addDays(from, 2)}::date`.execute(db.database.db);
      await assert.rejects(setOccupancyPrices(db.database.db, context('req-occ-gap'), { ...base, guests_1: '48000' }), refusal('from'));
      assert.deepEqual(await stored(), before);
      assert.equal(await audits(), auditsBefore);
      assert.equal(changes.published.length, published, 'nothing published for a change that never committed');
    });
  });
}
