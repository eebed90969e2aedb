import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { createTestDatabase, futureDate, type TestDatabase, testDatabaseTargets, testBookingContext } from '@hatago/test-support';
import { bookStay } from '../reservations/book-stay.ts';
import { exportReservationsCsv } from './reservations-csv.ts';

describe('reservation CSV export', () => {
  let db: TestDatabase;
  before(async () => {
    db = await createTestDatabase(testDatabaseTargets()[0]!, { seed: { hotelsPerArea: 1, days: 60 } });
  });
  after(() => db.dispose());

  it('exports every matching reservation once, in the order staff see them listed', async () => {
    const { rows } = await sql<{ id: number }>`select id from rate_plans order by id limit 1`.execute(db.database.db);
    const guest = { name: '書出 太郎', nameLatin: 'Taro Kakidashi', email: 'export@example.com', phone: '090-5555-6666' };
    const codes: string[] = [];
    for (const days of [20, 30, 25]) {
      const { reservation } = await bookStay(testBookingContext(db.database.db),
        { planId: rows[0]!.id, checkin: futureDate(days), nights: 1, guests: 1, rooms: 1, guest, acceptTerms: true },
        { idempotencyKey: `export-${days}` },
      );
      codes.push(reservation.code);
    }
    const { csv, rows: count } = await exportReservationsCsv(db.database.db, { email: guest.email });
    assert.equal(count, 3);
    const lines = csv.replace(/^\uFEFF/, '').trimEnd().split('\r\n');
    assert.match(lines[0]!, /^Code,Status,Check-in/);
    assert.deepEqual(lines.slice(1).map((l) => l.split(',')[0]), [codes[1], codes[2], codes[0]], 'latest check-in first');
  });
});
