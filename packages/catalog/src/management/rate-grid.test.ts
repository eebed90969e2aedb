import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { DomainError } from '@hatago/platform/errors';
import { createTestDatabase, futureDate, RecordingChanges, type TestDatabase, testDatabaseTargets } from '@hatago/test-support';
import { reserveRooms } from '../inventory/room-inventory.ts';
import type { ManagementContext } from './management-context.ts';
import { gridField, rateGrid } from './rate-grid.ts';
import { applyBulkRateChange } from './rate-grid-bulk.ts';
import { saveRateGrid } from './rate-grid-change.ts';

/** The grid form as stored: what a page shows before anything is typed. */
function storedForm(grid: Awaited<ReturnType<typeof rateGrid>>): Record<string, string> {
  const form: Record<string, string> = { from: grid.from, version: grid.version };
  for (const rt of grid.roomTypes) {
    for (const n of rt.nights) {
      if (n.total === null) continue;
      form[gridField('total', rt.id, n.date)] = String(n.total);
      form[gridField('minStay', rt.id, n.date)] = String(n.minStay);
      if (n.stopSell) form[gridField('stop', rt.id, n.date)] = 'on';
      if (n.closedToArrival) form[gridField('cta', rt.id, n.date)] = 'on';
      if (n.closedToDeparture) form[gridField('ctd', rt.id, n.date)] = 'on';
    }
    for (const p of rt.plans) grid.dates.forEach((d, i) => p.prices[i] !== null && (form[gridField('price', p.id, d)] = String(p.prices[i])));
  }
  return form;
}

for (const target of testDatabaseTargets()) {
  describe(`the rate grid on ${target.name}`, () => {
    let db: TestDatabase;
    let hotelId: number;
    let roomTypeId: number;
    let planId: number;
    const changes = new RecordingChanges();
    const context = (requestId: string): ManagementContext => ({ hotelId, actor: { id: 1, name: 'Revenue Aiko' }, requestId, changes });
    const night = async (date: string) =>
      (await sql<{ total: number; min_stay: number; closed_to_arrival: boolean; stop_sell: boolean }>`
        select total, min_stay, closed_to_arrival, stop_sell from room_inventory where room_type_id = ${roomTypeId} and stay_date = ${date}::date`.execute(db.database.db)).rows[0]!;
    const count = async (query: string) => (await sql<{ n: number }>`select count(*)::int as n from ${sql.raw(query)}`.execute(db.database.db)).rows[0]!.n;

    before(async () => {
      db = await createTestDatabase(target);
      const { rows } = await sql<{ hotel_id: number; room_type_id: number; plan_id: number }>`
        select rt.hotel_id, rt.id as room_type_id, rp.id as plan_id from room_types rt join rate_plans rp on rp.room_type_id = rt.id
        order by rt.hotel_id, rt.sort_order, rt.id, rp.id limit 1`.execute(db.database.db);
      ({ hotel_id: hotelId, room_type_id: roomTypeId, plan_id: planId } = rows[0]!);
    });
    after(() => db.dispose());

    it('saves only the cells that changed, audits, tells operators and publishes after the commit', async () => {
      const from = futureDate(3);
      const form = storedForm(await rateGrid(db.database.db, hotelId, from));
      const date = futureDate(4);
      const auditsBefore = await count(`audit_log where action = 'rate_grid.save'`);
      const result = await saveRateGrid(db.database.db, context('req-grid-1'), {
        ...form,
        [gridField('minStay', roomTypeId, date)]: '3',
        [gridField('cta', roomTypeId, date)]: 'on',
        [gridField('price', planId, date)]: '77000',
      });
      assert.deepEqual(result, { from, cells: 2 });
      assert.deepEqual([(await night(date)).min_stay, (await night(date)).closed_to_arrival], [3, true]);
      assert.equal(await count(`audit_log where action = 'rate_grid.save'`), auditsBefore + 1);
      assert.equal(await count(`mail_messages where template = 'facility-inventory-changed'`), 1);
      assert.deepEqual(changes.published.at(-1), { hotelId, kind: 'inventory' });
      assert.deepEqual(await saveRateGrid(db.database.db, context('req-grid-2'), storedForm(await rateGrid(db.database.db, hotelId, from))), { from, cells: 0 });
      await assert.rejects(
        saveRateGrid(db.database.db, context('req-grid-stale'), { ...form, [gridField('minStay', roomTypeId, date)]: '1' }),
        (error: unknown) => error instanceof DomainError && error.fields[0]!.field === 'version',
        'a page opened before the last save would put back what it changed',
      );
      assert.equal((await night(date)).min_stay, 3);
    });

    it('refuses fewer rooms than are sold, under lock, and saves nothing of the grid', async () => {
      const from = futureDate(10);
      const date = futureDate(11);
      await db.database.db.transaction().execute((trx) => reserveRooms(trx, roomTypeId, { checkin: date, nights: 1, rooms: 2 }));
      const form = storedForm(await rateGrid(db.database.db, hotelId, from));
      const before = await night(futureDate(12));
      await assert.rejects(
        saveRateGrid(db.database.db, context('req-grid-3'), { ...form, [gridField('total', roomTypeId, date)]: '1', [gridField('stop', roomTypeId, futureDate(12))]: 'on' }),
        (error: unknown) => error instanceof DomainError && error.code === 'INVENTORY_BELOW_RESERVED' && error.fields[0]!.field === gridField('total', roomTypeId, date),
      );
      assert.deepEqual(await night(futureDate(12)), before);
    });

    it('applies a bulk change to every room type on the chosen weekdays, leaving what is empty as it is', async () => {
      const from = futureDate(20);
      const to = futureDate(33);
      const saturdays = Array.from({ length: 14 }, (_, i) => futureDate(20 + i)).filter((d) => new Date(`${d}T00:00:00Z`).getUTCDay() === 6);
      const totalBefore = (await night(saturdays[0]!)).total;
      const { nights } = await applyBulkRateChange(db.database.db, context('req-bulk-1'), { from, to, weekday: '6', stopSell: 'on', minStay: '2' });
      assert.equal(nights, saturdays.length);
      for (const d of saturdays) assert.deepEqual({ ...(await night(d)) }, { total: totalBefore, min_stay: 2, closed_to_arrival: false, stop_sell: true });
      const { rows } = await sql<{ n: number }>`
        select count(*)::int as n from room_inventory ri join room_types rt on rt.id = ri.room_type_id
        where rt.hotel_id = ${hotelId} and ri.stop_sell and ri.stay_date between ${from}::date and ${to}::date`.execute(db.database.db);
      const roomTypes = (await rateGrid(db.database.db, hotelId, from)).roomTypes.length;
      assert.equal(rows[0]!.n, saturdays.length * roomTypes, 'every room type, Saturdays only');
      await assert.rejects(applyBulkRateChange(db.database.db, context('req-bulk-2'), { from, to }), (e: unknown) => e instanceof DomainError && e.fields[0]!.field === 'total');
    });
  });
}
