import { recordAudit } from '@hatago/audit';
import type { Executor } from '@hatago/db';
import { FieldErrors } from '@hatago/platform/errors';
import { tokyoToday } from '@hatago/platform/time';
import { type CancellationOutcome, cancelReservation } from './cancel-reservation.ts';
import { BookingErrors } from '../booking-errors.ts';

export const OPERATOR_REASON_MAX = 500;

export interface OperatorCancellation {
  operator: { id: number; name: string };
  /** Why the guest asked; required, because a fee decision must be explainable later. */
  reason: unknown;
  waiveFee: boolean;
  requestId: string;
}

/**
 * Cancels on a guest's behalf and writes the `reservation.cancel` audit entry in the same
 * transaction, so there is never a cancellation without its record or a record without it.
 * Cancelling an already cancelled reservation changes nothing and records nothing.
 */
export async function cancelReservationAsOperator(
  db: Executor,
  codeInput: unknown,
  cancellation: OperatorCancellation,
  today: string = tokyoToday(),
): Promise<CancellationOutcome> {
  const reason = typeof cancellation.reason === 'string' ? cancellation.reason.trim() : '';
  const errors = new FieldErrors();
  if (!reason) errors.add('reason', 'Give the reason for cancelling');
  else if (reason.length > OPERATOR_REASON_MAX) errors.add('reason', `Keep the reason to ${OPERATOR_REASON_MAX} characters`);
  errors.throwIfAny(BookingErrors.INVALID_CANCELLATION);

  return cancelReservation(db, codeInput, { kind: 'operator', waiveFee: cancellation.waiveFee }, today, {
    onCancelled: (trx, cancelled) =>
      recordAudit(trx, {
        actor: { kind: 'operator', ...cancellation.operator },
        action: 'reservation.cancel',
        target: { type: 'reservation', id: cancelled.code },
        detail: { reason, fee: cancelled.cancelFee, waived: cancellation.waiveFee },
        requestId: cancellation.requestId,
      }),
  });
}
