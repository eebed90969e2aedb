import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { listAudit } from '@hatago/audit';
import { DomainError } from '@hatago/platform/errors';
import { addDays } from '@hatago/platform/time';
import { createTestDatabase, futureDate, type TestDatabase, testDatabaseTargets } from '@hatago/test-support';
import type { CatalogChange } from '../changes/catalog-change.ts';
import { getHotelProfile, updateHotelProfile } from './hotel-profile.ts';
import type { ManagementContext } from './management-context.ts';
import { inventoryMonth } from './room-inventory-admin.ts';
import { applyBulkRateChange } from './rate-grid-bulk.ts';
import { planPriceMonth } from './plan-prices.ts';
import { createPlan, getPlan, setPlanActive, updatePlan } from './rate-plans.ts';
import { createRoomType, getRoomType, listRoomTypes, updateRoomType } from './room-types.ts';

const rejectsWith = (promise: Promise<unknown>, kind: DomainError['kind'], fields: string[] = []) =>
  assert.rejects(promise, (error: unknown) => {
    assert.ok(error instanceof DomainError, String(error));
    assert.equal(error.kind, kind);
    assert.deepEqual([...new Set(error.fields.map((f) => f.field))].sort(), [...fields].sort());
    return true;
  });

/** The console's one way to change inventory over a range, for one room type. */
const bulk = (db: TestDatabase, context: ManagementContext, roomTypeId: number, form: Record<string, unknown>) =>
  applyBulkRateChange(db.database.db, context, { roomTypeId: String(roomTypeId), ...form });

const weekdayOf = (date: string) => new Date(`${date}T00:00:00Z`).getUTCDay();

for (const target of testDatabaseTargets()) {
  describe(`catalogue management on ${target.name}`, () => {
    let db: TestDatabase;
    let mine: ManagementContext;
    let theirs: ManagementContext;
    let roomTypeId: number;
    let otherRoomTypeId: number;
    let planId: number;
    let otherPlanId: number;
    const published: CatalogChange[] = [];
    const changes = {
      publish: async (change: CatalogChange) => {
        published.push(change);
      },
    };

    const nights = async (id: number, from: string, to: string) =>
      (
        await sql<{ stay_date: string; total: number; reserved: number; stop_sell: boolean }>`
          select stay_date, total, reserved, stop_sell from room_inventory
          where room_type_id = ${id} and stay_date between ${from}::date and ${to}::date order by stay_date
        `.execute(db.database.db)
      ).rows;
    const prices = async (id: number, from: string, to: string) =>
      (
        await sql<{ stay_date: string; price: number }>`
          select stay_date, price from plan_prices where plan_id = ${id} and stay_date between ${from}::date and ${to}::date order by stay_date
        `.execute(db.database.db)
      ).rows;
    const auditCount = async () => (await sql<{ n: number }>`select count(*)::int as n from audit_log`.execute(db.database.db)).rows[0]!.n;

    before(async () => {
      db = await createTestDatabase(target);
      const { rows } = await sql<{ hotel_id: number; room_type_id: number; plan_id: number }>`
        select distinct on (rt.hotel_id) rt.hotel_id, rt.id as room_type_id, rp.id as plan_id
        from room_types rt join rate_plans rp on rp.room_type_id = rt.id
        order by rt.hotel_id, rt.id, rp.id limit 2
      `.execute(db.database.db);
      const [a, b] = rows as [(typeof rows)[0], (typeof rows)[0]];
      mine = { hotelId: a.hotel_id, actor: { id: 1, name: 'Front desk' }, requestId: 'req-mine', changes };
      theirs = { hotelId: b.hotel_id, actor: { id: 2, name: 'Elsewhere' }, requestId: 'req-theirs', changes };
      roomTypeId = a.room_type_id;
      planId = a.plan_id;
      otherRoomTypeId = b.room_type_id;
      otherPlanId = b.plan_id;
    });
    after(() => db.dispose());

    it('sets rooms for a whole range at once, creating nights not yet on sale, and audits it', async () => {
      const from = futureDate(55);
      const to = futureDate(64); // the seed covers 60 days: the last nights are new
      const result = await bulk(db, mine, roomTypeId, { from, to, total: '7' });
      assert.equal(result.nights, 10);
      const rows = await nights(roomTypeId, from, to);
      assert.equal(rows.length, 10);
      assert.ok(rows.every((r) => r.total === 7));
      const [entry] = await listAudit(db.database.db, { targetType: 'hotel', targetId: String(mine.hotelId), page: 1, pageSize: 1 });
      assert.equal(entry?.action, 'rate_grid.bulk');
      assert.equal(entry?.actor.kind, 'facility');
      assert.equal(entry?.requestId, 'req-mine');
      assert.deepEqual({ from: entry?.detail?.from, to: entry?.detail?.to, total: entry?.detail?.total }, { from, to, total: 7 });
    });

    it('refuses a total below what is reserved on any night, changing no night at all', async () => {
      const from = futureDate(20);
      const to = futureDate(24);
      await sql`update room_inventory set total = 10, reserved = 0 where room_type_id = ${roomTypeId} and stay_date between ${from}::date and ${to}::date`.execute(db.database.db);
      await sql`update room_inventory set reserved = 4 where room_type_id = ${roomTypeId} and stay_date = ${futureDate(23)}::date`.execute(db.database.db);
      const before = await nights(roomTypeId, from, to);
      const audits = await auditCount();

      await assert.rejects(bulk(db, mine, roomTypeId, { from, to, total: '3' }), (error: unknown) => {
        assert.ok(error instanceof DomainError);
        assert.equal(error.code, 'INVENTORY_BELOW_RESERVED');
        assert.equal(error.fields[0]?.field, 'total');
        assert.match(error.fields[0]!.message, /set at least 4/);
        return true;
      });
      assert.deepEqual(await nights(roomTypeId, from, to), before);
      assert.equal(await auditCount(), audits);

      await bulk(db, mine, roomTypeId, { from, to, total: '4' });
      assert.ok((await nights(roomTypeId, from, to)).every((r) => r.total === 4));
    });

    it('sets a price only on the chosen weekdays of a range', async () => {
      const from = futureDate(30);
      const to = addDays(from, 13);
      const before = await prices(planId, from, to);
      const result = await applyBulkRateChange(db.database.db, mine, { from, to, [`price_${planId}`]: '12345', weekday: ['1', '3'] });
      assert.equal(result.nights, 4);
      const after = await prices(planId, from, to);
      for (const [i, night] of after.entries()) {
        const chosen = [1, 3].includes(weekdayOf(night.stay_date));
        assert.equal(night.price, chosen ? 12345 : before[i]!.price, night.stay_date);
      }
      const month = await planPriceMonth(db.database.db, mine.hotelId, planId, from.slice(0, 7));
      assert.equal(month.find((d) => d.date === from)?.price, after[0]!.price);
    });

    it('stops and resumes sale for a range and shows it in the month view', async () => {
      const from = futureDate(40);
      const to = addDays(from, 2);
      assert.equal((await bulk(db, mine, roomTypeId, { from, to, stopSell: 'on' })).nights, 3);
      assert.ok((await nights(roomTypeId, from, to)).every((r) => r.stop_sell));
      const month = await inventoryMonth(db.database.db, mine.hotelId, roomTypeId, from.slice(0, 7));
      const day = month.find((d) => d.date === from)!;
      assert.equal(day.stopSell, true);
      assert.equal(day.free, day.total! - day.reserved);
      await bulk(db, mine, roomTypeId, { from, to, stopSell: 'off' });
      assert.ok((await nights(roomTypeId, from, to)).every((r) => !r.stop_sell));
      await rejectsWith(bulk(db, mine, roomTypeId, { from: futureDate(300), to: futureDate(301), stopSell: 'on' }), 'invalid', ['from']);
    });

    it('reports every bad field of a range at once and writes nothing', async () => {
      const audits = await auditCount();
      await rejectsWith(
        bulk(db, mine, roomTypeId, { from: futureDate(5), to: futureDate(2), total: '-1', weekday: '9' }),
        'invalid',
        ['to', 'total', 'weekday'],
      );
      await rejectsWith(bulk(db, mine, roomTypeId, { from: futureDate(-3), to: futureDate(1), total: '2' }), 'invalid', ['from']);
      await rejectsWith(bulk(db, mine, roomTypeId, { from: futureDate(1), to: futureDate(400), total: '2' }), 'invalid', ['to']);
      await rejectsWith(applyBulkRateChange(db.database.db, mine, { from: 'tomorrow', to: futureDate(1), [`price_${planId}`]: '0' }), 'invalid', ['from', `price_${planId}`]);
      // a single Monday and a Tuesday-only filter select nothing
      const monday = Array.from({ length: 7 }, (_, i) => futureDate(i + 1)).find((d) => weekdayOf(d) === 1)!;
      await rejectsWith(applyBulkRateChange(db.database.db, mine, { from: monday, to: monday, [`price_${planId}`]: '1000', weekday: '2' }), 'invalid', ['weekday']);
      assert.equal(await auditCount(), audits);
    });

    it('creates and edits room types within the limits', async () => {
      const created = await createRoomType(db.database.db, mine, { nameJa: '離れ', nameEn: 'Detached suite', capacity: '4', sizeSqm: '88', bedType: 'futon-on-tatami', view: 'garden', descriptionJa: '庭に面した離れ', descriptionEn: 'Facing the garden' });
      assert.deepEqual([created.bedType, created.view, created.descriptionJa, created.descriptionEn], ['futon-on-tatami', 'garden', '庭に面した離れ', 'Facing the garden']);
      assert.deepEqual(await getRoomType(db.database.db, mine.hotelId, String(created.id)), created);
      assert.equal((await listRoomTypes(db.database.db, mine.hotelId)).at(-1)?.id, created.id);
      await rejectsWith(
        updateRoomType(db.database.db, mine, created.id, { nameJa: '', nameEn: 'x'.repeat(101), capacity: '9', sizeSqm: 'big', bedType: 'hammock', view: 'moon' }),
        'invalid',
        ['nameJa', 'nameEn', 'capacity', 'sizeSqm', 'bedType', 'view'],
      );
      assert.deepEqual(await getRoomType(db.database.db, mine.hotelId, created.id), created, 'a refused edit changes nothing');
      const edited = await updateRoomType(db.database.db, mine, created.id, { nameJa: '離れ', nameEn: 'Garden suite', capacity: '8', sizeSqm: '90', bedType: 'king', view: '' });
      assert.equal(edited.nameEn, 'Garden suite');
      assert.equal(edited.capacity, 8);
      assert.deepEqual([edited.bedType, edited.view, edited.descriptionEn], ['king', null, '']);
    });

    it('creates plans inactive, edits their policy and switches them on', async () => {
      const form = { roomTypeId: String(roomTypeId), nameJa: '連泊', nameEn: 'Long stay', meals: 'breakfast', freeCancelDays: '7', cancelFeePercent: '50', noShowFeePercent: '100', saleStart: futureDate(1), saleEnd: futureDate(90) };
      const plan = await createPlan(db.database.db, mine, form);
      assert.equal(plan.active, false);
      assert.equal(plan.noShowFeePercent, 100);
      assert.equal(plan.guaranteeRequired, false, 'a form without the payment choice is paid at the hotel');
      assert.equal(plan.saleEnd, futureDate(90));
      await rejectsWith(
        updatePlan(db.database.db, mine, plan.id, { ...form, meals: 'dinner', cancelFeePercent: '101', noShowFeePercent: '', payment: 'cash', saleStart: futureDate(10), saleEnd: futureDate(5) }),
        'invalid',
        ['meals', 'cancelFeePercent', 'noShowFeePercent', 'payment', 'saleEnd'],
      );
      const edited = await updatePlan(db.database.db, mine, plan.id, { ...form, freeCancelDays: '0', noShowFeePercent: '30', payment: 'guarantee', saleStart: '', saleEnd: '' });
      assert.deepEqual([edited.freeCancelDays, edited.noShowFeePercent, edited.guaranteeRequired, edited.saleStart, edited.saleEnd], [0, 30, true, null, null]);
      assert.equal((await setPlanActive(db.database.db, mine, plan.id, true)).active, true);
      assert.equal((await getPlan(db.database.db, mine.hotelId, plan.id)).active, true);
      await rejectsWith(createPlan(db.database.db, mine, { ...form, roomTypeId: String(otherRoomTypeId) }), 'invalid', ['roomTypeId']);
    });

    it("treats another hotel's room types and plans as missing, and changes nothing there", async () => {
      const from = futureDate(3);
      const before = await nights(otherRoomTypeId, from, from);
      const beforePrices = await prices(otherPlanId, from, from);
      await rejectsWith(getRoomType(db.database.db, mine.hotelId, otherRoomTypeId), 'not_found');
      await rejectsWith(getPlan(db.database.db, mine.hotelId, otherPlanId), 'not_found');
      // the bulk form offers only the hotel's own room types: another's is a bad choice
      await rejectsWith(bulk(db, mine, otherRoomTypeId, { from, to: from, total: '1' }), 'invalid', ['roomTypeId']);
      await rejectsWith(bulk(db, mine, otherRoomTypeId, { from, to: from, stopSell: 'on' }), 'invalid', ['roomTypeId']);
      // another hotel's plan is not among the bulk form's: its price field is not read
      await rejectsWith(applyBulkRateChange(db.database.db, mine, { from, to: from, [`price_${otherPlanId}`]: '1' }), 'invalid', ['total']);
      await rejectsWith(setPlanActive(db.database.db, mine, otherPlanId, false), 'not_found');
      await rejectsWith(updateRoomType(db.database.db, mine, otherRoomTypeId, { nameJa: 'x', nameEn: 'x', capacity: '1', sizeSqm: '10', bedType: 'twin' }), 'not_found');
      await rejectsWith(getRoomType(db.database.db, mine.hotelId, '1; drop table hotels'), 'not_found');
      assert.deepEqual(await nights(otherRoomTypeId, from, from), before);
      assert.deepEqual(await prices(otherPlanId, from, from), beforePrices);
      // and the other hotel still manages its own
      assert.equal((await getPlan(db.database.db, theirs.hotelId, otherPlanId)).id, otherPlanId);
    });

    it('saves the hotel profile for its own hotel only, audits it, and tells the catalogue once committed', async () => {
      const theirsBefore = await getHotelProfile(db.database.db, theirs.hotelId);
      const profile = {
        nameJa: 'ホテル　はたご京都',
        nameEn: 'Hotel Hatago Kyoto',
        descriptionJa: '鴨川のほとり。',
        descriptionEn: 'By the Kamo river.',
        address: '京都市中京区 1-2-3',
        checkinTime: '14:30',
        checkoutTime: '11:00',
        contactEmail: 'frontdesk@kyoto.example',
        serviceChargePercent: 15,
      };
      const countBefore = published.length;
      const saved = await updateHotelProfile(db.database.db, mine, { ...profile, nameEn: '  Hotel Hatago Kyoto ', serviceChargePercent: ' 15 ' });
      assert.deepEqual(saved, profile, 'trimmed and saved');
      assert.deepEqual(await getHotelProfile(db.database.db, mine.hotelId), profile);
      assert.deepEqual(await getHotelProfile(db.database.db, theirs.hotelId), theirsBefore, 'another hotel is untouched');
      assert.deepEqual(published.slice(countBefore), [{ hotelId: mine.hotelId, kind: 'hotel' }]);
      const [entry] = await listAudit(db.database.db, { targetType: 'hotel', targetId: String(mine.hotelId), page: 1, pageSize: 1 });
      assert.equal(entry?.action, 'hotel.update');
      assert.equal((entry?.detail?.after as { checkinTime?: string } | undefined)?.checkinTime, '14:30');

      const cleared = await updateHotelProfile(db.database.db, mine, { ...profile, serviceChargePercent: '15', contactEmail: '' });
      assert.equal(cleared.contactEmail, null, 'an empty email means no notices, stored as none');
    });

    it('refuses a bad hotel profile with every field error at once, changing and publishing nothing', async () => {
      const before = await getHotelProfile(db.database.db, mine.hotelId);
      const audits = await auditCount();
      const countBefore = published.length;
      await rejectsWith(
        updateHotelProfile(db.database.db, mine, {
          nameJa: '',
          nameEn: 'x'.repeat(101),
          address: 'Kyoto\u0000',
          checkinTime: '25:00',
          checkoutTime: '11am',
          contactEmail: 'front desk@',
          serviceChargePercent: '-1',
        }),
        'invalid',
        ['nameJa', 'nameEn', 'address', 'checkinTime', 'checkoutTime', 'contactEmail', 'serviceChargePercent'],
      );
      assert.deepEqual(await getHotelProfile(db.database.db, mine.hotelId), before);
      assert.equal(await auditCount(), audits);
      assert.equal(published.length, countBefore);
    });

    it('publishes every committed change once, for its hotel, and nothing for a refused one', async () => {
      published.length = 0;
      const from = futureDate(30);
      await bulk(db, mine, roomTypeId, { from, to: from, total: '9' });
      await bulk(db, mine, roomTypeId, { from, to: from, stopSell: 'on' });
      await applyBulkRateChange(db.database.db, mine, { from, to: from, [`price_${planId}`]: '30000' });
      await setPlanActive(db.database.db, mine, planId, true);
      const roomType = await getRoomType(db.database.db, mine.hotelId, roomTypeId);
      await updateRoomType(db.database.db, mine, roomTypeId, { ...roomType, capacity: String(roomType.capacity), sizeSqm: String(roomType.sizeSqm), bedType: 'twin', view: '' });
      await rejectsWith(applyBulkRateChange(db.database.db, mine, { from, to: from, [`price_${planId}`]: '0' }), 'invalid', [`price_${planId}`]);
      await assert.rejects(bulk(db, theirs, roomTypeId, { from, to: from, stopSell: 'off' }));
      assert.deepEqual(published, [
        { hotelId: mine.hotelId, kind: 'inventory' },
        { hotelId: mine.hotelId, kind: 'inventory' },
        { hotelId: mine.hotelId, kind: 'prices' },
        { hotelId: mine.hotelId, kind: 'plans' },
        { hotelId: mine.hotelId, kind: 'room-types' },
      ]);
    });
  });
}
