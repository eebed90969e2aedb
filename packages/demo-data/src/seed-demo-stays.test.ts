import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { frontDeskDay, recentReservationActivity } from '@hatago/booking';
import { tokyoToday } from '@hatago/platform/time';
import { createTestDatabase, type TestDatabase, testDatabaseTargets } from '@hatago/test-support';
import { seedDemoData } from './seed-demo-data.ts';

/*
 * The lived-in demo world on a small catalogue (one hotel and one restaurant per area), on
 * PGlite and PostgreSQL alike: the stays and tables are booked through the domain functions
 * inside the seed's one transaction, which both databases must take.
 */
for (const target of testDatabaseTargets()) {
  describe(`the lived-in demo world (${target.name})`, () => {
    const today = tokyoToday();
    const world = { hotelsPerArea: 1, restaurantsPerArea: 1, days: 30, today, livedIn: true };
    let db: TestDatabase;
    const progress: Array<[number, number]> = [];

    before(async () => {
      db = await createTestDatabase(target, { seed: { ...world, onBookingProgress: (done, total) => progress.push([done, total]) } });
    });
    after(() => db?.dispose());
    const query = async <T>(statement: ReturnType<typeof sql<T>>) => (await statement.execute(db.database.db)).rows;

    it('gives every hotel an arrival today, a guest in house and a past stay, with recent activity', async () => {
      const hotels = await query(sql<{ id: number }>`select id from hotels order by id`);
      assert.equal(hotels.length, 10);
      for (const { id } of hotels) {
        const day = await frontDeskDay(db.database.db, id, today);
        assert.ok(day.arrivals.length >= 1, `hotel ${id}: an arrival today`);
        assert.ok(day.inHouse.length >= 1, `hotel ${id}: a guest in house`);
        assert.ok(day.departures.length >= 1, `hotel ${id}: a departure today`);
        assert.ok((await recentReservationActivity(db.database.db, id)).some((a) => a.kind === 'cancelled'), `hotel ${id}: a cancellation among the latest`);
      }
      const statuses = await query(sql<{ hotel_id: number; past: number; no_shows: number; fees: number }>`
        select hotel_id, count(*) filter (where status = 'checked_out' and checkin + nights <= ${today}::date)::int as past,
               count(*) filter (where status = 'no_show')::int as no_shows,
               count(*) filter (where status = 'cancelled' and cancel_fee > 0)::int as fees
        from reservations group by hotel_id order by hotel_id`);
      assert.equal(statuses.length, 10);
      for (const s of statuses) assert.ok(s.past >= 1 && s.fees >= 1, `hotel ${s.hotel_id}: ${JSON.stringify(s)}`);
      assert.ok(statuses.some((s) => s.no_shows > 0), 'some no-shows');
    });

    it('takes from the inventory exactly the rooms of the stays holding each night (no drift)', async () => {
      const drift = await query(sql<{ room_type_id: number; stay_date: string; reserved: number; held: number }>`
        select ri.room_type_id, ri.stay_date, ri.reserved, coalesce(held.rooms, 0)::int as held
        from room_inventory ri left join (
          select r.room_type_id, rn.stay_date, sum(r.rooms) as rooms
          from reservations r join reservation_nights rn on rn.reservation_id = r.id
          where r.status in ('confirmed', 'checked_in', 'checked_out') group by r.room_type_id, rn.stay_date
        ) held on held.room_type_id = ri.room_type_id and held.stay_date = ri.stay_date
        where ri.reserved <> coalesce(held.rooms, 0)`);
      assert.deepEqual(drift, []);
      const [past] = await query(sql<{ n: number }>`select count(*)::int as n from room_inventory where stay_date < ${today}::date and reserved > 0`);
      assert.ok(past!.n > 0, 'past nights are held too');
    });

    it('gives every restaurant past tables and ones ahead, seats held as booked, and a request waiting where bookings are requests', async () => {
      const tables = await query(sql<{ restaurant_id: number; mode: string; past: number; ahead: number; requested: number; fees: number }>`
        select r.id as restaurant_id, r.booking_mode as mode,
               count(*) filter (where t.service_date < ${today}::date and t.status = 'confirmed')::int as past,
               count(*) filter (where t.service_date > ${today}::date and t.status = 'confirmed')::int as ahead,
               count(*) filter (where t.status = 'requested')::int as requested,
               count(*) filter (where t.status = 'cancelled' and t.cancel_fee > 0)::int as fees
        from restaurants r join table_reservations t on t.restaurant_id = r.id group by r.id order by r.id`);
      assert.equal(tables.length, 10);
      for (const t of tables) {
        assert.ok(t.past >= 1 && t.ahead >= 1, `restaurant ${t.restaurant_id}: ${JSON.stringify(t)}`);
        assert.equal(t.requested, t.mode === 'request' ? 1 : 0, `restaurant ${t.restaurant_id} (${t.mode})`);
      }
      assert.ok(tables.some((t) => t.fees > 0), 'some cancellations cost a fee');
      const drift = await query(sql<{ seating_id: number }>`
        select s.seating_id from seating_stock s
        left join table_reservations t on t.seating_id = s.seating_id and t.service_date = s.service_date and t.table_seats = s.table_seats
          and t.status in ('confirmed', 'requested')
        group by s.seating_id, s.service_date, s.table_seats, s.reserved
        having s.reserved <> coalesce(sum(case when t.id is null then 0 when s.table_seats = 0 then t.party else 1 end), 0)`);
      assert.deepEqual(drift, []);
      // a restaurant closed on today's weekday has no table today; the others have two
      const [served] = await query(sql<{ n: number }>`select count(distinct restaurant_id)::int as n from table_reservations where service_date = ${today}::date`);
      assert.ok(served!.n >= 5, `${served!.n} restaurants have tables today`);
    });

    it('writes each booking’s mails to the outbox, and reports its progress hotel by hotel, then restaurant by restaurant', async () => {
      const [mails] = await query(sql<{ stays: number; tables: number }>`
        select count(*) filter (where reference like 'HT%')::int as stays, count(*) filter (where reference like 'RS%')::int as tables from mail_messages`);
      assert.ok(mails!.stays > 100 && mails!.tables > 50, JSON.stringify(mails));
      assert.deepEqual(progress.at(-1), [20, 20]);
      assert.equal(progress.length, 20);
    });

    it('is seeded once: a second seed adds nothing', async () => {
      const count = async () => (await query(sql<{ n: number }>`select (select count(*) from reservations) + (select count(*) from table_reservations) as n`))[0]!.n;
      const before = await count();
      assert.equal(await seedDemoData(db.database.db, world), false);
      assert.equal(await count(), before);
    });

    it('is the same world every time: the same guests on the same days', async () => {
      const again = await createTestDatabase(target, { seed: world });
      try {
        const stays = (d: TestDatabase) =>
          sql<{ k: string }>`select hotel_id || ' ' || checkin || ' ' || nights || ' ' || status || ' ' || guest_name as k from reservations order by id`.execute(d.database.db);
        assert.deepEqual((await stays(again)).rows, (await stays(db)).rows);
      } finally {
        await again.dispose();
      }
    });
  });
}
