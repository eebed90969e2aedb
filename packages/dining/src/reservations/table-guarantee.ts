import { type Executor, tablesOf } from '@hatago/db';
import { PaymentErrors } from '@hatago/payments';
import { invalid } from '@hatago/platform/errors';
import type { DiningContext } from '../dining-context.ts';
import type { DiningTables } from '../dining-tables.ts';
import { type TableReservation, toTableReservation } from './table-reservation.ts';

/** An authorisation held for a booking that is not committed yet: released if the booking fails. */
export interface HeldGuarantee {
  provider: string;
  authorisationId: string;
  amount: number;
  card: { brand: string; last4: string };
}

const DECLINES = {
  declined: 'The card was declined; use another card',
  insufficient_funds: 'The card was declined for insufficient funds; use another card',
  invalid_token: 'The card details have expired; enter the card again',
} as const;

/**
 * Holds the no-show guarantee for a booking's total on the card behind `token`: the worst
 * fee its course can charge is a no-show, the whole price. Nothing is held for a free
 * (seat-only) booking. A decline throws, so the booking's transaction writes nothing.
 */
export async function holdGuarantee(
  context: DiningContext,
  token: string | undefined,
  booking: { amount: number; code: string; idempotencyKey: string },
): Promise<HeldGuarantee | undefined> {
  if (token === undefined) return undefined;
  const payments = context.payments;
  if (!payments) throw invalid(PaymentErrors.GUARANTEE_NOT_TAKEN, [{ field: 'guaranteeToken', message: 'Card guarantees are not taken here' }]);
  if (booking.amount === 0) return undefined;
  const outcome = await payments.authoriseGuarantee({
    token,
    amount: booking.amount,
    reference: booking.code,
    idempotencyKey: `table-guarantee:${booking.idempotencyKey}`,
  });
  if (!outcome.ok) throw invalid(PaymentErrors.CARD_DECLINED, [{ field: 'guaranteeToken', message: DECLINES[outcome.reason] }], 'The card was declined');
  return { provider: payments.name, authorisationId: outcome.authorisationId, amount: booking.amount, card: outcome.card };
}

/** The reservation columns naming a held guarantee (all null without one). */
export const guaranteeColumns = (held: HeldGuarantee | undefined) => ({
  guarantee_provider: held?.provider ?? null,
  guarantee_authorisation: held?.authorisationId ?? null,
  guarantee_amount: held?.amount ?? null,
  guarantee_status: held ? ('authorised' as const) : null,
  card_brand: held?.card.brand ?? null,
  card_last4: held?.card.last4 ?? null,
});

/**
 * After a cancellation committed: charges its fee on the guarantee, or lets the hold go
 * when there is none. The cancellation stands whatever the provider answers; a capture it
 * refuses is recorded as `capture_failed` for staff to collect otherwise.
 */
export async function settleGuarantee(context: DiningContext, reservation: TableReservation): Promise<TableReservation> {
  if (!context.payments || reservation.guarantee?.status !== 'authorised') return reservation;
  const t = tablesOf<DiningTables>(context.db as Executor);
  const row = await t.selectFrom('table_reservations').select('guarantee_authorisation').where('code', '=', reservation.code).executeTakeFirstOrThrow();
  const authorisationId = row.guarantee_authorisation!;
  const fee = reservation.cancelFee ?? 0;
  let status: 'captured' | 'released' | 'capture_failed' = 'released';
  if (fee > 0) {
    const capture = await context.payments.capture({ authorisationId, amount: fee, idempotencyKey: `table-cancel-fee:${reservation.code}` });
    status = capture.ok ? 'captured' : 'capture_failed';
  } else {
    await context.payments.release({ authorisationId });
  }
  const updated = await t
    .updateTable('table_reservations')
    .set({ guarantee_status: status })
    .where('code', '=', reservation.code)
    .where('guarantee_status', '=', 'authorised')
    .returningAll()
    .executeTakeFirst();
  return updated ? toTableReservation(updated) : reservation;
}
