import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { listAudit } from '@hatago/audit';
import { DomainError } from '@hatago/platform/errors';
import { createTestDatabase, futureDate, type TestDatabase, testBookingContext, testDatabaseTargets } from '@hatago/test-support';
import { bookStay } from './book-stay.ts';
import { RESEND_GUARD_MS, resendConfirmation } from './resend-confirmation.ts';

const guest = { name: 'Emma Brown', nameLatin: 'Emma Brown', email: 'emma@example.com', phone: '090-5555-6666' };
const support = { id: 3, name: 'Demo Support', role: 'support' as const };
const isCode = (code: string) => (error: unknown) => error instanceof DomainError && error.code === code;

for (const target of testDatabaseTargets()) {
  describe(`resending a confirmation on ${target.name}`, () => {
    let db: TestDatabase;
    let planId: number;
    let serial = 0;
    before(async () => {
      db = await createTestDatabase(target);
      planId = (await sql<{ id: number }>`select id from rate_plans order by id limit 1`.execute(db.database.db)).rows[0]!.id;
    });
    after(() => db.dispose());

    const book = async () => {
      serial += 1;
      const { reservation } = await bookStay(testBookingContext(db.database.db), { planId, checkin: futureDate(15), nights: 1, guests: 1, rooms: 1, guest, acceptTerms: true }, { idempotencyKey: `resend-${target.name}-${serial}`, locale: 'en' });
      return reservation;
    };
    const mails = async (code: string) =>
      (await sql<{ template: string; recipient: string; locale: string }>`select template, recipient, locale from mail_messages where reference = ${code} and recipient = ${guest.email} order by id`.execute(db.database.db)).rows;

    it('queues the same confirmation as the booking did, and audits it with the mail it queued', async () => {
      const reservation = await book();
      const outcome = await resendConfirmation(db.database.db, reservation.code.toLowerCase(), { operator: support, requestId: 'resend-1' });
      assert.equal(outcome.resent, true);
      const [first, second] = await mails(reservation.code);
      assert.deepEqual(second, first, 'same template, recipient and language');
      const [entry] = await listAudit(db.database.db, { targetType: 'reservation', targetId: reservation.code, action: 'reservation.confirmation.resend', page: 1, pageSize: 5 });
      assert.deepEqual(entry!.detail, { mailId: outcome.resent ? outcome.mailId : -1, recipient: guest.email, language: 'en' });
      assert.equal(entry!.requestId, 'resend-1');
    });

    it('sends one mail for two racing resends, and again once the minute has passed', async () => {
      const reservation = await book();
      const outcomes = await Promise.all([1, 2].map((n) => resendConfirmation(db.database.db, reservation.code, { operator: support, requestId: `race-${n}` })));
      assert.deepEqual(outcomes.map((o) => o.resent).sort(), [false, true]);
      assert.equal((await mails(reservation.code)).length, 2);
      const later = new Date(Date.now() + RESEND_GUARD_MS + 1000);
      assert.equal((await resendConfirmation(db.database.db, reservation.code, { operator: support, requestId: 'later', now: later })).resent, true);
      assert.equal((await mails(reservation.code)).length, 3);
    });

    it('refuses an editor and a cancelled stay, queueing nothing', async () => {
      const reservation = await book();
      await assert.rejects(resendConfirmation(db.database.db, reservation.code, { operator: { ...support, role: 'editor' }, requestId: 'e' }), isCode('ROLE_REQUIRED'));
      await sql`update reservations set status = 'cancelled', cancelled_at = now(), cancelled_by = 'guest' where code = ${reservation.code}`.execute(db.database.db);
      await assert.rejects(resendConfirmation(db.database.db, reservation.code, { operator: support, requestId: 'c' }), isCode('RESERVATION_CANCELLED'));
      assert.equal((await mails(reservation.code)).length, 1);
    });
  });
}
