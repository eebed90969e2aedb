import { tablesOf } from '@hatago/db';
import { settleHold } from '@hatago/payments';
import type { BookingContext } from '../booking-context.ts';
import type { BookingTables } from '../booking-tables.ts';
import { type Reservation, toReservation } from './reservation.ts';

/** Why a stay's guarantee is settled; each settles once, under its own idempotency key. */
export type SettlementCause = 'cancel-fee' | 'no-show-fee' | 'check-out';

/**
 * After the change that decided what a stay owes committed (a cancellation, a no-show, a
 * check-out), as dining settles a table's: charges `fee` on the card guarantee, or lets the
 * hold go when nothing is owed. The change stands whatever the provider answers; a refused
 * charge is recorded as `capture_failed` for the hotel to collect otherwise. The outcome is
 * written only on a row still `authorised`, and the capture's key is the stay's, so a retry
 * of the change (which comes back here while the row is unsettled) never charges twice.
 */
export async function settleStayGuarantee(context: BookingContext, reservation: Reservation, cause: SettlementCause, fee: number): Promise<Reservation> {
  if (!context.payments || reservation.payment.kind !== 'guarantee' || reservation.payment.status !== 'authorised') return reservation;
  const t = tablesOf<BookingTables>(context.db);
  const row = await t.selectFrom('reservations').select('guarantee_authorisation').where('code', '=', reservation.code).executeTakeFirstOrThrow();
  const settlement = await settleHold(context.payments, {
    authorisationId: row.guarantee_authorisation!,
    fee,
    idempotencyKey: `stay-${cause}:${reservation.code}`,
  });
  const updated = await t
    .updateTable('reservations')
    .set({
      guarantee_status: settlement.status,
      guarantee_charged: settlement.charged,
      guarantee_reference: settlement.reference,
      guarantee_settled_at: settlement.settledAt,
    })
    .where('code', '=', reservation.code)
    .where('guarantee_status', '=', 'authorised')
    .returningAll()
    .executeTakeFirst();
  return updated ? toReservation(updated) : toReservation(await t.selectFrom('reservations').selectAll().where('code', '=', reservation.code).executeTakeFirstOrThrow());
}
