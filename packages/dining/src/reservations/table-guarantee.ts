import { type Executor, tablesOf } from '@hatago/db';
import { type HeldGuarantee, holdGuarantee, settleHold } from '@hatago/payments';
import type { DiningContext } from '../dining-context.ts';
import type { DiningTables } from '../dining-tables.ts';
import { type TableReservation, toTableReservation } from './table-reservation.ts';

/**
 * Holds the no-show guarantee for a booking's total on the card behind `token`: the worst
 * fee its course can charge is a no-show, the whole price. Nothing is held for a free
 * (seat-only) booking. A decline throws, so the booking's transaction writes nothing.
 */
export const holdTableGuarantee = (
  context: DiningContext,
  token: string | undefined,
  booking: { amount: number; code: string; idempotencyKey: string },
): Promise<HeldGuarantee | undefined> =>
  holdGuarantee(context.payments, token, { amount: booking.amount, reference: booking.code, idempotencyKey: `table-guarantee:${booking.idempotencyKey}` });

/**
 * After a cancellation committed: charges its fee on the guarantee, or lets the hold go
 * when there is none. The cancellation stands whatever the provider answers; a capture it
 * refuses is recorded as `capture_failed` for staff to collect otherwise.
 */
export async function settleGuarantee(context: DiningContext, reservation: TableReservation): Promise<TableReservation> {
  if (!context.payments || reservation.guarantee?.status !== 'authorised') return reservation;
  const t = tablesOf<DiningTables>(context.db as Executor);
  const row = await t.selectFrom('table_reservations').select('guarantee_authorisation').where('code', '=', reservation.code).executeTakeFirstOrThrow();
  const { status } = await settleHold(context.payments, {
    authorisationId: row.guarantee_authorisation!,
    fee: reservation.cancelFee ?? 0,
    idempotencyKey: `table-cancel-fee:${reservation.code}`,
  });
  const updated = await t
    .updateTable('table_reservations')
    .set({ guarantee_status: status })
    .where('code', '=', reservation.code)
    .where('guarantee_status', '=', 'authorised')
    .returningAll()
    .executeTakeFirst();
  return updated ? toTableReservation(updated) : reservation;
}
