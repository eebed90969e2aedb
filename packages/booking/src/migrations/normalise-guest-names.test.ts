import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { createTestDatabase, futureDate, type TestDatabase, testBookingContext, testDatabaseTargets } from '@hatago/test-support';
import { bookStay } from '../reservations/book-stay.ts';
import { up } from './2026-12-07.02-normalise-guest-names.ts';

for (const target of testDatabaseTargets()) {
  describe(`normalising the guest names of earlier reservations (${target.name})`, () => {
    let db: TestDatabase;
    before(async () => {
      db = await createTestDatabase(target);
    });
    after(() => db.dispose());

    it('rewrites names as input is normalised now, leaving clean and wholly invisible names alone', async () => {
      const plan = await db.database.db.selectFrom('rate_plans').select('id').orderBy('id').limit(1).executeTakeFirstOrThrow();
      const codes: string[] = [];
      for (const key of ['migration-a', 'migration-b', 'migration-c']) {
        const guest = { name: '山田 太郎', nameLatin: 'Taro Yamada', email: 'taro@example.com', phone: '090-1111-2222' };
        const booked = await bookStay(testBookingContext(db.database.db), { planId: plan.id, checkin: futureDate(40), nights: 1, guests: 1, rooms: 1, guest, acceptTerms: true }, { idempotencyKey: key });
        codes.push(booked.reservation.code);
      }
      const stored = [
        ['鈴\u200b木\u202e 一郎', 'Ｉｃｈｉｒｏ\u2060  Suzuki'],
        ['山田 太郎', 'Taro Yamada'],
        ['\u200b\u200d', 'Taro Yamada'],
      ];
      for (const [i, [name, nameLatin]] of stored.entries()) {
        await sql`update reservations set guest_name = ${name}, guest_name_latin = ${nameLatin} where code = ${codes[i]}`.execute(db.database.db);
      }
      await up(db.database.db);
      const rows = await db.database.db.selectFrom('reservations').select(['code', 'guest_name', 'guest_name_latin']).where('code', 'in', codes).execute();
      const byCode = new Map(rows.map((r) => [r.code, [r.guest_name, r.guest_name_latin]]));
      assert.deepEqual(codes.map((c) => byCode.get(c)), [['鈴木 一郎', 'Ichiro Suzuki'], ['山田 太郎', 'Taro Yamada'], ['\u200b\u200d', 'Taro Yamada']]);
    });
  });
}
