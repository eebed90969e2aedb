import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { sql } from 'kysely';
import { startEmbeddedPlatform } from '@hatago/embedded';
import { futureDate, testDatabaseTargets } from '@hatago/test-support';

const logLevel = process.env.TEST_LOG_LEVEL ?? 'silent';

for (const target of testDatabaseTargets()) {
  describe(`100 concurrent bookings through the edge on ${target.name}`, () => {
    it('sells the last 3 rooms to exactly 3 requests; the other 97 get 409 problem+json', async () => {
      const created = await target.create();
      // the platform opens its own connection: PGlite is in memory, PostgreSQL is the fresh database
      await created.database.close();
      const platform = await startEmbeddedPlatform({
        port: 0,
        host: '127.0.0.1',
        // no restaurants: left out, the seed makes 8 per area (80, with their photos), which this test never reads
        seed: { hotelsPerArea: 1, restaurantsPerArea: 0, days: 30 },
        logLevel,
        // one loopback address sends all 100: lift the per-client booking limit this test is not about
        bookingAttemptsPerMinute: 1000,
        ...(created.url ? { databaseUrl: created.url } : {}),
      });
      try {
        const db = platform.database.db;
        const checkin = futureDate(7);
        const { rows } = await sql<{ plan_id: number; room_type_id: number }>`
          select id as plan_id, room_type_id from rate_plans order by id limit 1`.execute(db);
        const { plan_id, room_type_id } = rows[0]!;
        await sql`update room_inventory set total = reserved + 3
                  where room_type_id = ${room_type_id} and stay_date in (${checkin}::date, ${checkin}::date + 1)`.execute(db);

        const responses = await Promise.all(
          Array.from({ length: 100 }, (_, i) =>
            fetch(`${platform.url}/api/v1/reservations`, {
              method: 'POST',
              headers: { 'content-type': 'application/json', 'idempotency-key': `e2e-concurrent-${i}` },
              body: JSON.stringify({
                planId: plan_id,
                checkin,
                nights: 2,
                guests: 1,
                rooms: 1,
                acceptTerms: true,
                guest: { name: `Guest ${i}`, email: `guest${i}@example.com`, phone: '090-0000-0000' },
              }),
            }).then(async (res) => ({ status: res.status, type: res.headers.get('content-type'), body: (await res.json()) as { code: string } })),
          ),
        );
        const statuses = responses.map((r) => r.status);
        assert.equal(statuses.filter((s) => s === 201).length, 3, `statuses: ${[...new Set(statuses)].join(',')}`);
        assert.equal(statuses.filter((s) => s === 409).length, 97);
        for (const r of responses.filter((x) => x.status === 409)) {
          assert.equal(r.type, 'application/problem+json; charset=utf-8');
          assert.equal(r.body.code, 'SOLD_OUT');
        }
        const inventory = await sql<{ total: number; reserved: number }>`
          select total, reserved from room_inventory
          where room_type_id = ${room_type_id} and stay_date in (${checkin}::date, ${checkin}::date + 1)`.execute(db);
        for (const night of inventory.rows) assert.equal(night.reserved, night.total);
        const booked = await sql<{ n: number }>`
          select count(*)::int as n from reservations where room_type_id = ${room_type_id} and checkin = ${checkin}::date`.execute(db);
        assert.equal(booked.rows[0]!.n, 3);
      } finally {
        await platform.close();
        await created.dispose().catch(() => undefined);
      }
    });
  });
}
