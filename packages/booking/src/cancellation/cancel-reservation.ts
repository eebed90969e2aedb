import { type Executor, tablesOf } from '@hatago/db';
import { getHotelContact, releaseRooms } from '@hatago/catalog';
import { enqueueMails } from '@hatago/mail';
import { conflict, notFound } from '@hatago/platform/errors';
import { tokyoToday } from '@hatago/platform/time';
import { type BookingContext, publishRoomsChanged } from '../booking-context.ts';
import type { BookingTables } from '../booking-tables.ts';
import { stayCancelledMails } from '../mail/stay-mails.ts';
import { normaliseReservationCode } from '../reservations/reservation-code.ts';
import { type Reservation, toReservation } from '../reservations/reservation.ts';
import { settleStayGuarantee } from '../reservations/stay-guarantee.ts';
import { cancellationTerms } from './cancellation-policy.ts';
import { BookingErrors } from '../booking-errors.ts';

export type Canceller =
  | { kind: 'guest'; email: string }
  | { kind: 'member'; memberId: number }
  | { kind: 'operator'; waiveFee: boolean };

export interface CancellationOutcome {
  reservation: Reservation;
  /** True when it was already cancelled: a retried cancel changes nothing and succeeds. */
  alreadyCancelled: boolean;
}

export interface CancellationOptions {
  /** The day in Tokyo the policy's deadlines count from; today unless a test fixes it. */
  today?: string;
  /**
   * Runs inside the cancelling transaction, only when this call did the cancelling: records
   * that must exist exactly when the cancellation does (an audit entry) are written here.
   */
  onCancelled?: (trx: Executor, cancelled: Reservation) => Promise<void>;
}

/**
 * Cancels under the reservation's policy and gives back every night, in one transaction
 * with the cancellation mail. The reservation row is locked first, so two concurrent
 * cancels cannot both release the rooms. Once committed, the rooms given back are
 * published and a card guarantee is settled: the fee captured, or the hold let go when
 * cancelling is free. Cancelling an already cancelled reservation changes and publishes
 * nothing (it only settles a guarantee left unsettled).
 */
export async function cancelReservation(
  context: BookingContext,
  codeInput: unknown,
  by: Canceller,
  options: CancellationOptions = {},
): Promise<CancellationOutcome> {
  const code = normaliseReservationCode(codeInput);
  if (!code) throw notFound(BookingErrors.RESERVATION_NOT_FOUND, 'No reservation matches this code and email');
  const today = options.today ?? tokyoToday();
  const outcome = await context.db.transaction().execute(async (trx): Promise<CancellationOutcome> => {
    const t = tablesOf<BookingTables>(trx);
    const row = await t.selectFrom('reservations').selectAll().where('code', '=', code).forUpdate().executeTakeFirst();
    if (!row || !isCancellableBy(row, by)) throw notFound(BookingErrors.RESERVATION_NOT_FOUND, 'No reservation matches this code and email');
    const reservation = toReservation(row);
    if (reservation.status === 'cancelled') return { reservation, alreadyCancelled: true };
    if (reservation.status !== 'confirmed') {
      throw conflict(BookingErrors.INVALID_STATUS_CHANGE, `${reservation.code} is ${reservation.status.replace('_', ' ')}: a stay the front desk has handled is not cancelled`);
    }

    const terms = cancellationTerms(reservation, today);
    if (!terms.allowed && by.kind !== 'operator') {
      throw conflict(BookingErrors.STAY_STARTED, 'This stay has started; contact support to cancel');
    }
    const fee = by.kind === 'operator' && by.waiveFee ? 0 : terms.fee;
    await releaseRooms(trx, reservation.roomTypeId, reservation);
    const updated = await t
      .updateTable('reservations')
      .set({
        status: 'cancelled',
        cancel_fee: fee,
        cancelled_at: new Date(),
        cancelled_by: by.kind === 'operator' ? 'operator' : 'guest',
      })
      .where('id', '=', row.id)
      .returningAll()
      .executeTakeFirstOrThrow();
    const cancelled = toReservation(updated);
    await enqueueMails(trx, stayCancelledMails(cancelled, await getHotelContact(trx, cancelled.hotelId)));
    await options.onCancelled?.(trx, cancelled);
    return { reservation: cancelled, alreadyCancelled: false };
  });
  if (!outcome.alreadyCancelled) await publishRoomsChanged(context, outcome.reservation.hotelId);
  // a retry settles a hold its first attempt left (the process stopped after the commit)
  return { ...outcome, reservation: await settleStayGuarantee(context, outcome.reservation, 'cancel-fee', outcome.reservation.cancelFee ?? 0) };
}

/** Whether this canceller may cancel this reservation: its guest by email, its member, or any operator. */
export function isCancellableBy(row: { email: string; member_id: number | null }, by: Canceller): boolean {
  if (by.kind === 'operator') return true;
  if (by.kind === 'member') return row.member_id !== null && Number(row.member_id) === by.memberId;
  return row.email.toLowerCase() === by.email.trim().toLowerCase();
}
