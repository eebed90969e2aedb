import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { MemoryCache } from '@hatago/cache';
import { createTestDatabase, futureDate, type TestDatabase, testDatabaseTargets } from '@hatago/test-support';
import { CatalogChanges } from '../changes/catalog-change.ts';
import { applyBulkRateChange } from '../management/rate-grid-bulk.ts';
import { createRoomType } from '../management/room-types.ts';
import { releaseRooms } from './room-inventory.ts';

// Lock waits need two connections at once; PGlite has one and runs transactions one by one.
for (const target of testDatabaseTargets().filter((t) => t.name === 'postgres')) {
  describe(`room inventory lock order on ${target.name}`, () => {
    let db: TestDatabase;
    let hotelId: number;
    const [first, second] = [futureDate(100), futureDate(101)];

    before(async () => {
      db = await createTestDatabase(target, { seed: { hotelsPerArea: 1, days: 1 } });
      hotelId = (await sql<{ id: number }>`select min(id) as id from hotels`.execute(db.database.db)).rows[0]!.id;
    });
    after(() => db.dispose());

    const changes = new CatalogChanges(new MemoryCache());
    const context = () => ({ hotelId, actor: { id: 1, name: 'Front desk' }, requestId: 'req-lock-order', changes });

    /** A room type whose second night sits before its first in the table, so a scan meets it first. */
    async function roomTypeWithNightsStoredBackwards(): Promise<number> {
      const { id } = await createRoomType(db.database.db, context(), { nameJa: '試験', nameEn: 'Lock test', capacity: '2', sizeSqm: '30', bedType: 'twin' });
      await sql`insert into room_inventory (room_type_id, stay_date, total, reserved) values (${id}, ${second}::date, 5, 2)`.execute(db.database.db);
      await sql`insert into room_inventory (room_type_id, stay_date, total, reserved) values (${id}, ${first}::date, 5, 2)`.execute(db.database.db);
      return id;
    }

    /**
     * Plays a booking that holds the first night, waits until `write` is queued behind it,
     * then takes the second night. A writer that locked the second night before queueing
     * makes that NOWAIT fail at once; together they would have deadlocked.
     */
    async function whileABookingHoldsTheFirstNight(roomTypeId: number, write: () => Promise<unknown>) {
      let settled = false;
      let outcome!: Promise<{ ok: true } | { ok: false; error: unknown }>;
      await db.database.db.transaction().execute(async (booking) => {
        await sql`select 1 from room_inventory where room_type_id = ${roomTypeId} and stay_date = ${first}::date for update`.execute(booking);
        outcome = write().then(
          () => ({ ok: true as const }),
          (error: unknown) => ({ ok: false as const, error }),
        );
        void outcome.finally(() => (settled = true));
        for (;;) {
          const { rows } = await sql<{ waiting: number }>`
            select count(*)::int as waiting from pg_locks l join pg_stat_activity a on a.pid = l.pid
            where not l.granted and a.datname = current_database()
          `.execute(db.database.db);
          if (rows[0]!.waiting > 0 || settled) break;
        }
        assert.equal(settled, false, 'the writer must wait for the night the booking holds');
        await sql`select 1 from room_inventory where room_type_id = ${roomTypeId} and stay_date = ${second}::date for update nowait`.execute(booking);
      });
      const result = await outcome;
      assert.ok(result.ok, result.ok ? '' : String(result.error));
    }

    const nights = async (roomTypeId: number) =>
      (
        await sql<{ stay_date: string; reserved: number; stop_sell: boolean }>`
          select stay_date, reserved, stop_sell from room_inventory where room_type_id = ${roomTypeId} order by stay_date
        `.execute(db.database.db)
      ).rows;

    it('stops sale by locking nights in date order, as bookings do', async () => {
      const roomTypeId = await roomTypeWithNightsStoredBackwards();
      await whileABookingHoldsTheFirstNight(roomTypeId, () => applyBulkRateChange(db.database.db, context(), { roomTypeId: String(roomTypeId), from: first, to: second, stopSell: 'on' }));
      assert.deepEqual((await nights(roomTypeId)).map((n) => n.stop_sell), [true, true]);
    });

    it('gives rooms back by locking nights in date order, as bookings do', async () => {
      const roomTypeId = await roomTypeWithNightsStoredBackwards();
      await whileABookingHoldsTheFirstNight(roomTypeId, () =>
        db.database.db.transaction().execute((trx) => releaseRooms(trx, roomTypeId, { checkin: first, nights: 2, rooms: 1 })),
      );
      assert.deepEqual((await nights(roomTypeId)).map((n) => n.reserved), [1, 1]);
    });
  });
}
