import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { type PaymentProvider, SandboxPaymentProvider } from '@hatago/payments';
import { recordingPaymentProvider } from '@hatago/payments/testing';
import { createTestDatabase, futureDate, type TestDatabase, testBookingContext, testDatabaseTargets } from '@hatago/test-support';
import { addDays } from '@hatago/platform/time';
import type { BookingContext } from '../booking-context.ts';
import { cancelReservation } from '../cancellation/cancel-reservation.ts';
import { cancelReservationAsOperator } from '../cancellation/cancel-as-operator.ts';
import type { StaffAction } from '../front-desk/staff-action.ts';
import { checkIn, checkOut, markNoShow } from '../front-desk/stay-transitions.ts';
import { bookStay } from './book-stay.ts';

const guest = { name: '佐藤 花子', nameLatin: 'Hanako Sato', email: 'hanako@example.com', phone: '090-3333-4444' };
const sandbox = new SandboxPaymentProvider();
const tokenOf = (number: string) => sandbox.tokenise({ number, expiry: '12/39', cvc: '123' }).token;

for (const target of testDatabaseTargets()) {
  describe(`settling a stay's card guarantee on ${target.name}`, () => {
    let db: TestDatabase;
    let plan: { plan_id: number; hotel_id: number };
    let n = 0;
    before(async () => {
      db = await createTestDatabase(target);
      const { rows } = await sql<typeof plan>`
        select rp.id as plan_id, rt.hotel_id from rate_plans rp join room_types rt on rt.id = rp.room_type_id where rp.active order by rp.id limit 1`.execute(db.database.db);
      plan = rows[0]!;
      await sql`update rate_plans set guarantee_required = true where id = ${plan.plan_id}`.execute(db.database.db);
    });
    after(() => db.dispose());

    const contextWith = (payments: PaymentProvider | undefined): BookingContext => ({ ...testBookingContext(db.database.db), payments });
    const book = async (checkin: string, card = '4242424242424242') => {
      const { reservation } = await bookStay(
        testBookingContext(db.database.db),
        { planId: plan.plan_id, checkin, nights: 2, guests: 1, rooms: 1, guest, acceptTerms: true, guaranteeToken: tokenOf(card) },
        { idempotencyKey: `settle-${target.name}-${++n}` },
      );
      // a fee on any late cancellation and a no-show of half the stay, so each amount is told apart
      await sql`update reservations set free_cancel_days = 3, cancel_fee_percent = 30, no_show_fee_percent = 50 where code = ${reservation.code}`.execute(db.database.db);
      return reservation;
    };
    const row = async (code: string) =>
      (
        await sql<{ guarantee_status: string; guarantee_charged: number | null; guarantee_reference: string | null; guarantee_settled_at: Date | null }>`
          select guarantee_status, guarantee_charged, guarantee_reference, guarantee_settled_at from reservations where code = ${code}`.execute(db.database.db)
      ).rows[0]!;
    const desk = (today: string): StaffAction => ({ staff: { id: 5, name: 'Desk', kind: 'facility', hotelId: plan.hotel_id, role: null }, requestId: 'req-1', today });

    it('releases the hold on a cancellation in the free period and charges the fee of a late one', async () => {
      const { provider, calls } = recordingPaymentProvider(sandbox);
      const arrival = futureDate(20);
      const early = await book(arrival);
      const free = await cancelReservation(contextWith(provider), early.code, { kind: 'guest', email: guest.email }, { today: addDays(arrival, -10) });
      assert.deepEqual(free.reservation.payment, { ...early.payment, status: 'released', charged: 0, settledAt: free.reservation.payment.kind === 'guarantee' ? free.reservation.payment.settledAt : null });
      assert.ok((await row(early.code)).guarantee_settled_at, 'when it was let go');

      const late = await book(arrival);
      const fee = Math.floor((late.totalPrice * 30) / 100);
      const charged = await cancelReservation(contextWith(provider), late.code, { kind: 'guest', email: guest.email }, { today: addDays(arrival, -1) });
      assert.equal(charged.reservation.cancelFee, fee);
      const stored = await row(late.code);
      assert.deepEqual([stored.guarantee_status, stored.guarantee_charged], ['captured', fee]);
      assert.match(stored.guarantee_reference ?? '', /^cap_sandbox_/, 'the provider’s id of the charge');
      assert.deepEqual(calls, ['release', `capture ${fee} stay-cancel-fee:${late.code}`]);
    });

    it('releases the hold when an admin waives the fee', async () => {
      const { provider, calls } = recordingPaymentProvider(sandbox);
      const arrival = futureDate(21);
      const r = await book(arrival);
      const operator = { id: 1, name: 'Admin', role: 'admin' as const };
      const outcome = await cancelReservationAsOperator(contextWith(provider), r.code, { operator, reason: 'Flight cancelled', waiveFee: true, requestId: 'req-w' }, arrival);
      assert.deepEqual([outcome.reservation.cancelFee, (await row(r.code)).guarantee_status], [0, 'released']);
      assert.deepEqual(calls, ['release']);
    });

    it('charges a no-show the plan’s fee, and lets the hold go at check-out', async () => {
      const { provider, calls } = recordingPaymentProvider(sandbox);
      const arrival = futureDate(22);
      const absent = await book(arrival);
      const marked = await markNoShow(contextWith(provider), absent.code, desk(arrival));
      const fee = Math.floor((absent.totalPrice * 50) / 100);
      assert.equal(marked.reservation.noShowFee, fee);
      assert.deepEqual(marked.reservation.payment.kind === 'guarantee' && [marked.reservation.payment.status, marked.reservation.payment.charged], ['captured', fee]);

      const stayed = await book(arrival);
      await checkIn(contextWith(provider), stayed.code, desk(arrival));
      assert.equal((await row(stayed.code)).guarantee_status, 'authorised', 'checking in settles nothing');
      await checkOut(contextWith(provider), stayed.code, desk(addDays(arrival, 2)));
      assert.deepEqual([(await row(stayed.code)).guarantee_status, (await row(stayed.code)).guarantee_charged], ['released', 0]);
      assert.deepEqual(calls, [`capture ${fee} stay-no-show-fee:${absent.code}`, 'release']);
    });

    it('keeps the change when the provider refuses the charge, recording capture_failed', async () => {
      const arrival = futureDate(23);
      const r = await book(arrival, '4000000000000341');
      const outcome = await markNoShow(contextWith(sandbox), r.code, desk(arrival));
      assert.equal(outcome.reservation.status, 'no_show');
      const stored = await row(r.code);
      assert.deepEqual([stored.guarantee_status, stored.guarantee_charged, stored.guarantee_reference], ['capture_failed', 0, null]);
    });

    it('settles on a retry a hold its first attempt left, and never charges twice', async () => {
      const { provider, calls } = recordingPaymentProvider(sandbox);
      const arrival = futureDate(24);
      const r = await book(arrival);
      // the first attempt committed the cancellation and stopped before reaching the provider
      await cancelReservation(contextWith(undefined), r.code, { kind: 'guest', email: guest.email }, { today: addDays(arrival, -1) });
      assert.equal((await row(r.code)).guarantee_status, 'authorised');
      const retried = await cancelReservation(contextWith(provider), r.code, { kind: 'guest', email: guest.email }, { today: addDays(arrival, -1) });
      assert.equal(retried.alreadyCancelled, true);
      const again = await cancelReservation(contextWith(provider), r.code, { kind: 'guest', email: guest.email }, { today: addDays(arrival, -1) });
      assert.equal(again.reservation.payment.kind === 'guarantee' && again.reservation.payment.status, 'captured');
      assert.equal(calls.length, 1, `one charge: ${calls.join(', ')}`);

      const absent = await book(arrival);
      await markNoShow(contextWith(undefined), absent.code, desk(arrival));
      const resent = await markNoShow(contextWith(provider), absent.code, desk(arrival));
      assert.equal(resent.changed, false);
      await markNoShow(contextWith(provider), absent.code, desk(arrival));
      assert.equal((await row(absent.code)).guarantee_status, 'captured');
      assert.equal(calls.length, 2, `one charge each: ${calls.join(', ')}`);
    });

    it('settles nothing for a stay paid at the hotel', async () => {
      const { provider, calls } = recordingPaymentProvider(sandbox);
      await sql`update rate_plans set guarantee_required = false where id = ${plan.plan_id}`.execute(db.database.db);
      try {
        const { reservation } = await bookStay(
          testBookingContext(db.database.db),
          { planId: plan.plan_id, checkin: futureDate(25), nights: 1, guests: 1, rooms: 1, guest, acceptTerms: true },
          { idempotencyKey: `at-hotel-${target.name}` },
        );
        const cancelled = await cancelReservation(contextWith(provider), reservation.code, { kind: 'guest', email: guest.email }, { today: futureDate(24) });
        assert.deepEqual(cancelled.reservation.payment, { kind: 'at_hotel' });
        assert.deepEqual(calls, []);
      } finally {
        await sql`update rate_plans set guarantee_required = true where id = ${plan.plan_id}`.execute(db.database.db);
      }
    });
  });
}
