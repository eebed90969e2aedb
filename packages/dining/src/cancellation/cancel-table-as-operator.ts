import { recordAudit } from '@hatago/audit';
import { checkOperatorCancellation, type OperatorCancellation } from '@hatago/booking';
import type { DiningContext } from '../dining-context.ts';
import { cancelTableReservation, type TableCancellationOutcome } from './cancel-table-reservation.ts';

/**
 * Cancels a table on a guest's behalf under the rules stays keep (a reason always, a waived
 * fee only by an admin) and writes the `reservation.cancel` audit entry, with who and why,
 * in the cancellation's transaction. Cancelling again changes and records nothing.
 */
export async function cancelTableAsOperator(context: DiningContext, codeInput: unknown, cancellation: OperatorCancellation, now?: Date): Promise<TableCancellationOutcome> {
  const reason = checkOperatorCancellation(cancellation);
  const { operator, waiveFee } = cancellation;
  return cancelTableReservation(context, codeInput, { kind: 'operator', waiveFee }, {
    ...(now ? { now } : {}),
    onCancelled: (trx, cancelled) =>
      recordAudit(trx, {
        actor: { kind: 'operator', id: operator.id, name: operator.name },
        action: 'reservation.cancel',
        target: { type: 'reservation', id: cancelled.code },
        detail: { reason, fee: cancelled.cancelFee, waived: waiveFee, restaurantId: cancelled.restaurantId },
        requestId: cancellation.requestId,
      }),
  });
}
