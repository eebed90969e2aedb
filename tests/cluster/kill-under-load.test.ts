import assert from 'node:assert/strict';
import { setTimeout as delay } from 'node:timers/promises';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import type { Executor } from '@hatago/db';
import { futureDate } from '@hatago/test-support';
import { bookablePlans, DEMO_MEMBER, GuestClient } from './support/guest-client.ts';
import { MixedLoad } from './support/mixed-load.ts';
import { startTestCluster, type TestCluster } from './support/test-cluster.ts';

const CLIENTS = 50;
const LOAD_MS = 60_000;
const MEMBERS = 50;

async function count(db: Executor, query: ReturnType<typeof sql<{ n: number }>>): Promise<number> {
  return (await query.execute(db)).rows[0]!.n;
}

/**
 * The proof that app servers are disposable: the whole cluster (2 instances of every
 * app behind the edge) under steady mixed traffic from 50 clients for a minute, while one
 * guest instance is SIGKILLed and every app is rolled. No idempotent request may fail, and
 * the database must show every confirmed booking exactly once, inventory equal to the
 * reservations, and one confirmation mail each.
 */
describe('killed and rolled instances under load', () => {
  let running: TestCluster;

  before(async () => {
    // members of their own: a login per client, each with the demo password
    running = await startTestCluster(2, async (db) => {
      await sql`
        insert into members (email, name, name_latin, phone, password_hash)
        select 'load-member-' || i || '@example.com', name, name_latin, phone, password_hash
        from members, generate_series(1, ${MEMBERS}::int) i where email = ${DEMO_MEMBER.email}
      `.execute(db.database.db);
    });
  });
  after(() => running?.stop());

  it('loses no idempotent request, no booking and no mail while a guest instance is killed and every app rolls', async () => {
    try {
      await proveUnderLoad();
    } catch (error) {
      console.log(`what the cluster said last:\n${running.cluster.recentLines.join('\n')}`);
      throw error;
    }
  });

  async function proveUnderLoad() {
    const { cluster, db } = running;
    const scout = new GuestClient(cluster.edgeUrl);
    const areas = (JSON.parse((await scout.get('/api/v1/areas')).body) as { items: Array<{ id: string }> }).items.map((a) => a.id);
    // a dozen plans: bookings collide on the same nights, so some sell out (409) as in real life
    const plans = (await bookablePlans(scout, futureDate(5))).slice(0, 12);
    const members = Array.from({ length: MEMBERS }, (_, i) => ({ email: `load-member-${i + 1}@example.com`, password: DEMO_MEMBER.password }));
    const load = new MixedLoad(cluster.edgeUrl, { plans, areas, members }, { clients: CLIENTS, thinkMs: 500 });
    const events: string[] = [];
    const note = (line: string) => events.push(`${(load.elapsedMs / 1000).toFixed(1)}s ${line}`);

    load.start();
    try {
      while (load.samples.length < 500) await delay(100);

      // guest-1 goes first in the roll below, so the kill never leaves the edge with no healthy guest
      const before = (await cluster.control.status()).processes.find((p) => p.id === 'guest-1')!;
      process.kill(before.pid!, 'SIGKILL');
      note(`SIGKILL guest-1 (pid ${before.pid})`);
      for (;;) {
        const now = (await cluster.control.status()).processes.find((p) => p.id === 'guest-1')!;
        if (now.crashes === 1 && now.state === 'ready') {
          note(`guest-1 replaced by the supervisor (pid ${now.pid})`);
          break;
        }
        await delay(100);
      }

      note('cluster:roll all');
      await cluster.control.roll('all', (text) => text.trim().split('\n').forEach(note));
      note('roll finished');
      await delay(Math.max(LOAD_MS - load.elapsedMs, 5000));
    } finally {
      await load.stop();
    }
    console.log(`\n${events.join('\n')}\n\n${load.summary()}\n`);

    assert.deepEqual(load.failures().slice(0, 20), [], 'no idempotent request failed');
    assert.deepEqual(load.unresolvedBookings, []);
    assert.ok(load.booked.size > 0, 'bookings went through');
    assert.equal(load.failures(['login']).length, 0, 'every login answered');
    const status = await cluster.control.status();
    const guest1 = status.processes.find((p) => p.id === 'guest-1')!;
    assert.equal(guest1.crashes, 1);
    assert.ok(status.processes.filter((p) => p.app !== 'edge').every((p) => p.restarts >= 1 && p.state === 'ready'), 'every instance was replaced');

    const conn = db.database.db;
    const codes = [...load.booked.values()];
    assert.equal(new Set(codes).size, codes.length, 'one reservation per idempotency key');
    assert.equal(
      await count(conn, sql`select count(*)::int as n from reservations where code in (${sql.join(codes)}) and status = 'confirmed'`),
      codes.length,
      'every booking a client saw succeed exists, exactly once',
    );
    assert.equal(
      await count(conn, sql`select count(*)::int as n from booking_idempotency where key like 'load-%'`),
      codes.length,
      'no booking exists that no client saw succeed',
    );
    assert.equal(
      await count(
        conn,
        sql`
          with booked as (
            select r.room_type_id, n.stay_date, sum(r.rooms)::int as rooms
            from reservations r join reservation_nights n on n.reservation_id = r.id
            where r.status = 'confirmed' group by r.room_type_id, n.stay_date
          )
          select count(*)::int as n from room_inventory ri
          full join booked b on b.room_type_id = ri.room_type_id and b.stay_date = ri.stay_date
          where coalesce(ri.reserved, -1) <> coalesce(b.rooms, 0)`,
      ),
      0,
      'reserved rooms equal the rooms of confirmed reservations, night by night',
    );
    assert.equal(
      await count(
        conn,
        sql`select count(*)::int as n from mail_messages where template = 'reservation-confirmation' and reference in (${sql.join(codes)})`,
      ),
      codes.length,
      'one confirmation mail per booking',
    );
    // the mail workers drain the outbox after the load; wait for the state, not a fixed time
    for (let waited = 0; ; waited += 250) {
      const pending = await count(
        conn,
        sql`select count(*)::int as n from mail_messages where reference in (${sql.join(codes)}) and status in ('queued', 'sending', 'deferred')`,
      );
      if (pending === 0) break;
      assert.ok(waited < 120_000, `${pending} confirmation mails still undelivered`);
      await delay(250);
    }
    // a booking also queues the hotel's notice; each of them counts against "never twice" too
    const deliveries = await sql<{ n: number; messages: number }>`
      select count(*)::int as n, count(distinct s.message_id)::int as messages
      from mail_sink_messages s join mail_messages m on m.id = s.message_id
      where m.reference in (${sql.join(codes)}) and m.template = 'reservation-confirmation'`.execute(conn);
    assert.deepEqual(deliveries.rows[0], { n: codes.length, messages: codes.length }, 'every confirmation delivered exactly once');
    assert.equal(
      await count(
        conn,
        sql`select count(*)::int as n from (
              select s.message_id from mail_sink_messages s join mail_messages m on m.id = s.message_id
              where m.reference in (${sql.join(codes)}) group by s.message_id having count(*) > 1) twice`,
      ),
      0,
      'no mail about these bookings (confirmation or hotel notice) delivered twice',
    );
  }
});
