import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { futureDate, createTestDatabase, type TestDatabase, testDatabaseTargets } from '@hatago/test-support';
import { FACILITY_OPS_CHANNEL } from './inventory-notice.ts';
import { applyBulkRateChange } from './rate-grid-bulk.ts';

for (const target of testDatabaseTargets()) {
  describe(`inventory change notices (${target.name})`, () => {
    let db: TestDatabase;
    let hotel: { hotel_id: number; room_type_id: number; name_en: string };
    // built without a type annotation so it fits the context with or without a change publisher
    const contextFor = (requestId: string) => ({
      hotelId: hotel.hotel_id,
      actor: { id: 1, name: 'Front desk Aiko' },
      requestId,
      changes: { publish: async () => {} },
    });
    const notices = async () =>
      (
        await sql<{ recipient: string; channel: string; template: string; params: unknown }>`
          select recipient, channel, template, params from mail_messages where channel = 'slack' order by id`.execute(db.database.db)
      ).rows.map((r) => ({ ...r, params: typeof r.params === 'string' ? JSON.parse(r.params) : r.params }));

    before(async () => {
      db = await createTestDatabase(target);
      ({ rows: [hotel] } = (await sql<{ hotel_id: number; room_type_id: number; name_en: string }>`
        select h.id as hotel_id, rt.id as room_type_id, h.name_en from hotels h join room_types rt on rt.hotel_id = h.id order by h.id, rt.id limit 1`.execute(
        db.database.db,
      )) as { rows: [{ hotel_id: number; room_type_id: number; name_en: string }] });
    });
    after(() => db.dispose());

    it('tells the facility-ops Slack channel of each inventory change, once per request', async () => {
      const range = { from: futureDate(5), to: futureDate(7) };
      await applyBulkRateChange(db.database.db, contextFor('req-inv-1'), { ...range, roomTypeId: String(hotel.room_type_id), total: '9' });
      await applyBulkRateChange(db.database.db, contextFor('req-inv-2'), { ...range, roomTypeId: String(hotel.room_type_id), stopSell: 'on' });
      const sent = await notices();
      assert.deepEqual(
        sent.map((n) => [n.channel, n.recipient, n.template]),
        [
          ['slack', FACILITY_OPS_CHANNEL, 'facility-inventory-changed'],
          ['slack', FACILITY_OPS_CHANNEL, 'facility-inventory-changed'],
        ],
      );
      assert.deepEqual(sent[0]!.params, { hotelId: hotel.hotel_id, hotelName: hotel.name_en, ...range, staff: 'Front desk Aiko' });
    });

    it('announces nothing when the change is refused', async () => {
      const before = (await notices()).length;
      const range = { from: futureDate(300), to: futureDate(301) };
      await assert.rejects(applyBulkRateChange(db.database.db, contextFor('req-inv-3'), { ...range, roomTypeId: String(hotel.room_type_id), stopSell: 'on' }));
      await assert.rejects(applyBulkRateChange(db.database.db, contextFor('req-inv-4'), { from: futureDate(3), to: futureDate(2), roomTypeId: String(hotel.room_type_id), total: '1' }));
      assert.equal((await notices()).length, before);
    });
  });
}
