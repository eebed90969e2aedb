import { type Canceller, isCancellableBy, normaliseReservationCode } from '@hatago/booking';
import { type Executor, tablesOf } from '@hatago/db';
import { enqueueMails } from '@hatago/mail';
import { conflict, notFound } from '@hatago/platform/errors';
import { releaseSeats } from '../capacity/seating-stock.ts';
import { type DiningContext, publishSeatsChanged } from '../dining-context.ts';
import { DiningErrors } from '../dining-errors.ts';
import { settleGuarantee } from '../reservations/table-guarantee.ts';
import type { DiningTables } from '../dining-tables.ts';
import { tableCancelledMail } from '../mail/table-mails.ts';
import { holdsSeats, type TableReservation, toTableReservation } from '../reservations/table-reservation.ts';
import { tableCancellationTerms } from './table-cancellation-policy.ts';

export interface TableCancellationOutcome {
  reservation: TableReservation;
  /** True when it was already cancelled: a retried cancel changes nothing and succeeds. */
  alreadyCancelled: boolean;
}

/**
 * Cancels under the course's fee policy and gives the seats back, in one transaction with
 * the cancellation mail. The reservation row is locked first, so two concurrent cancels
 * cannot both give the seats back. Once committed, the freed seats are published; an
 * already cancelled reservation changes and publishes nothing.
 */
export async function cancelTableReservation(
  context: DiningContext,
  codeInput: unknown,
  by: Canceller,
  options: {
    now?: Date;
    /** Runs inside the transaction once the reservation is cancelled (an operator's audit entry), never on a retry. */
    onCancelled?: (trx: Executor, cancelled: TableReservation) => Promise<void>;
  } = {},
): Promise<TableCancellationOutcome> {
  const code = normaliseReservationCode(codeInput, 'table');
  const notFoundError = () => notFound(DiningErrors.TABLE_RESERVATION_NOT_FOUND, 'No reservation matches this code and email');
  if (!code) throw notFoundError();
  const now = options.now ?? new Date();
  const outcome = await context.db.transaction().execute(async (trx): Promise<TableCancellationOutcome> => {
    const t = tablesOf<DiningTables>(trx);
    const row = await t.selectFrom('table_reservations').selectAll().where('code', '=', code).forUpdate().executeTakeFirst();
    if (!row || !isCancellableBy(row, by)) throw notFoundError();
    const reservation = toTableReservation(row);
    // a declined request holds nothing either: cancelling it again changes nothing
    if (!holdsSeats(reservation.status)) return { reservation, alreadyCancelled: true };

    const terms = tableCancellationTerms(reservation, now);
    if (!terms.allowed && by.kind !== 'operator') {
      throw conflict(DiningErrors.SEATING_STARTED, 'This seating has started; contact support to cancel');
    }
    await releaseSeats(trx, { seatingId: reservation.seatingId, date: reservation.date }, reservation.tableSeats, reservation.party);
    const updated = await t
      .updateTable('table_reservations')
      .set({
        status: 'cancelled',
        cancel_fee: by.kind === 'operator' && by.waiveFee ? 0 : terms.fee,
        cancelled_at: now,
        cancelled_by: by.kind === 'operator' ? 'operator' : 'guest',
      })
      .where('id', '=', row.id)
      .returningAll()
      .executeTakeFirstOrThrow();
    const cancelled = toTableReservation(updated);
    await enqueueMails(trx, [tableCancelledMail(cancelled)]);
    await options.onCancelled?.(trx, cancelled);
    return { reservation: cancelled, alreadyCancelled: false };
  });
  if (outcome.alreadyCancelled) return outcome;
  await publishSeatsChanged(context, outcome.reservation.restaurantId);
  return { ...outcome, reservation: await settleGuarantee(context, outcome.reservation) };
}
