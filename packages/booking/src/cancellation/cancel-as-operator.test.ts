import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { listAudit } from '@hatago/audit';
import { DomainError } from '@hatago/platform/errors';
import { createTestDatabase, futureDate, type TestDatabase, testDatabaseTargets, testBookingContext } from '@hatago/test-support';
import { listReservationNights } from '../queries/reservation-queries.ts';
import { bookStay } from '../reservations/book-stay.ts';
import { cancelReservationAsOperator, mayWaiveCancellationFee } from './cancel-as-operator.ts';
import { cancelReservation } from './cancel-reservation.ts';

const guest = { name: '佐藤 花子', nameLatin: 'Hanako Sato', email: 'hanako@example.com', phone: '090-3333-4444' };
const operator = { id: 7, name: 'Demo Support' };
/** The operator as the console hands them over: with the role that decides what they may do. */
const admin = { ...operator, role: 'admin' as const };

for (const target of testDatabaseTargets()) {
  describe(`operator cancellation on ${target.name}`, () => {
    let db: TestDatabase;
    let planId: number;
    let serial = 0;
    before(async () => {
      db = await createTestDatabase(target);
      const { rows } = await sql<{ id: number }>`select id from rate_plans order by id limit 1`.execute(db.database.db);
      planId = rows[0]!.id;
    });
    after(() => db.dispose());

    /** A two-night stay whose policy charges 50% from 3 days before check-in. */
    async function book(checkinInDays: number) {
      serial += 1;
      const { reservation } = await bookStay(testBookingContext(db.database.db),
        { planId, checkin: futureDate(checkinInDays), nights: 2, guests: 1, rooms: 1, guest, acceptTerms: true },
        { idempotencyKey: `operator-cancel-${target.name}-${serial}` },
      );
      await sql`update reservations set free_cancel_days = 3, cancel_fee_percent = 50 where code = ${reservation.code}`.execute(db.database.db);
      return reservation;
    }

    const auditsFor = (code: string) => listAudit(db.database.db, { targetType: 'reservation', targetId: code, page: 1, pageSize: 50 });
    const statusOf = async (code: string) =>
      (await sql<{ status: string; cancel_fee: number | null }>`select status, cancel_fee from reservations where code = ${code}`.execute(db.database.db))
        .rows[0]!;

    it('cancels with the policy fee and records who, why and which request, once', async () => {
      const reservation = await book(1);
      const outcome = await cancelReservationAsOperator(testBookingContext(db.database.db), reservation.code, {
        operator: admin,
        reason: '  Guest called: flight cancelled  ',
        waiveFee: false,
        requestId: 'req-cancel-1',
      });
      assert.equal(outcome.alreadyCancelled, false);
      assert.equal(outcome.reservation.cancelledBy, 'operator');
      assert.equal(outcome.reservation.cancelFee, Math.floor(reservation.totalPrice / 2));

      const again = await cancelReservationAsOperator(testBookingContext(db.database.db), reservation.code, {
        operator: admin,
        reason: 'double click',
        waiveFee: true,
        requestId: 'req-cancel-2',
      });
      assert.equal(again.alreadyCancelled, true);
      assert.equal(again.reservation.cancelFee, outcome.reservation.cancelFee, 'a repeat cannot waive the fee afterwards');

      const audits = await auditsFor(reservation.code);
      assert.equal(audits.length, 1);
      assert.deepEqual(
        { actor: audits[0]!.actor, action: audits[0]!.action, detail: audits[0]!.detail, requestId: audits[0]!.requestId },
        {
          actor: { kind: 'operator', ...operator },
          action: 'reservation.cancel',
          detail: { reason: 'Guest called: flight cancelled', fee: outcome.reservation.cancelFee, waived: false },
          requestId: 'req-cancel-1',
        },
      );
    });

    it('waives the fee when asked', async () => {
      const reservation = await book(1);
      const outcome = await cancelReservationAsOperator(testBookingContext(db.database.db), reservation.code, {
        operator: admin,
        reason: 'Hotel overbooked us',
        waiveFee: true,
        requestId: 'req-waive',
      });
      assert.equal(outcome.reservation.cancelFee, 0);
      assert.deepEqual((await auditsFor(reservation.code))[0]!.detail, { reason: 'Hotel overbooked us', fee: 0, waived: true });
    });

    it('lets only an admin waive a fee, and a refused waiver changes nothing', async () => {
      const reservation = await book(1);
      const support = { ...operator, role: 'support' as const };
      assert.equal(mayWaiveCancellationFee(support), false);
      assert.equal(mayWaiveCancellationFee(admin), true);
      const booking = testBookingContext(db.database.db);
      await assert.rejects(
        cancelReservationAsOperator(booking, reservation.code, { operator: support, reason: 'Guest asked', waiveFee: true, requestId: 'req-support-waive' }),
        (error: unknown) => error instanceof DomainError && error.kind === 'forbidden' && error.code === 'ROLE_REQUIRED',
      );
      assert.deepEqual(await statusOf(reservation.code), { status: 'confirmed', cancel_fee: null });
      assert.deepEqual(booking.changes.published, []);

      const charged = await cancelReservationAsOperator(booking, reservation.code, { operator: support, reason: 'Guest asked', waiveFee: false, requestId: 'req-support' });
      assert.equal(charged.reservation.cancelFee, Math.floor(reservation.totalPrice / 2));
      assert.deepEqual(booking.changes.published, [{ hotelId: reservation.hotelId, kind: 'booking' }]);
    });

    it('refuses a missing or overlong reason and changes nothing', async () => {
      const reservation = await book(10);
      for (const reason of ['   ', undefined, 'x'.repeat(501)]) {
        await assert.rejects(
          cancelReservationAsOperator(testBookingContext(db.database.db), reservation.code, { operator: admin, reason, waiveFee: false, requestId: 'req-bad' }),
          (error: unknown) => error instanceof DomainError && error.kind === 'invalid' && error.fields[0]?.field === 'reason',
        );
      }
      assert.deepEqual(await statusOf(reservation.code), { status: 'confirmed', cancel_fee: null });
      assert.equal((await auditsFor(reservation.code)).length, 0);
    });

    it('rolls the cancellation back when the record written with it fails', async () => {
      const reservation = await book(10);
      await assert.rejects(
        cancelReservation(testBookingContext(db.database.db), reservation.code, { kind: 'operator', waiveFee: false }, {
          onCancelled: async () => {
            throw new Error('audit store down');
          },
        }),
        /audit store down/,
      );
      assert.deepEqual(await statusOf(reservation.code), { status: 'confirmed', cancel_fee: null });
      const { rows } = await sql<{ template: string }>`select template from mail_messages where reference = ${reservation.code}`.execute(
        db.database.db,
      );
      assert.deepEqual(rows.map((r) => r.template).sort(), ['facility-new-reservation', 'reservation-confirmation']);
    });

    it('lists the price of every night', async () => {
      const reservation = await book(12);
      const nights = await listReservationNights(db.database.db, reservation.code);
      assert.deepEqual(
        nights.map((n) => n.date),
        [reservation.checkin, futureDate(13)],
      );
      assert.equal(
        nights.reduce((sum, n) => sum + n.price, 0),
        reservation.totalPrice,
      );
    });
  });
}
