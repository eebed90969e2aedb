import { recordAudit } from '@hatago/audit';
import { can, requireCapability, type StaffAccount } from '@hatago/identity';
import { FieldErrors } from '@hatago/platform/errors';
import type { BookingContext } from '../booking-context.ts';
import { type CancellationOutcome, cancelReservation } from './cancel-reservation.ts';
import { BookingErrors } from '../booking-errors.ts';

export const OPERATOR_REASON_MAX = 500;

export interface OperatorCancellation {
  operator: Pick<StaffAccount, 'id' | 'name' | 'role'>;
  /** Why the guest asked; required, because a fee decision must be explainable later. */
  reason: unknown;
  waiveFee: boolean;
  requestId: string;
}

/** Waiving a fee gives away the hotel's money, so only an admin may decide it. */
export const mayWaiveCancellationFee = (operator: Pick<StaffAccount, 'role'>): boolean => can(operator, 'reservations.waive_fee');

/**
 * The rules every operator cancellation keeps, a stay's or a table's: only an admin waives
 * a fee, and the reason is required. Returns the reason, trimmed, or throws.
 */
export function checkOperatorCancellation(cancellation: Pick<OperatorCancellation, 'operator' | 'reason' | 'waiveFee'>): string {
  requireCapability(cancellation.operator, 'reservations.cancel');
  if (cancellation.waiveFee) requireCapability(cancellation.operator, 'reservations.waive_fee');
  const reason = typeof cancellation.reason === 'string' ? cancellation.reason.trim() : '';
  const errors = new FieldErrors();
  if (!reason) errors.add('reason', 'Give the reason for cancelling');
  else if (reason.length > OPERATOR_REASON_MAX) errors.add('reason', `Keep the reason to ${OPERATOR_REASON_MAX} characters`);
  errors.throwIfAny(BookingErrors.INVALID_CANCELLATION);
  return reason;
}

/**
 * Cancels on a guest's behalf and writes the `reservation.cancel` audit entry in the same
 * transaction, so there is never a cancellation without its record or a record without it.
 * Cancelling an already cancelled reservation changes nothing and records nothing.
 */
export async function cancelReservationAsOperator(
  context: BookingContext,
  codeInput: unknown,
  cancellation: OperatorCancellation,
  today?: string,
): Promise<CancellationOutcome> {
  const { operator, waiveFee } = cancellation;
  const reason = checkOperatorCancellation(cancellation);

  return cancelReservation(context, codeInput, { kind: 'operator', waiveFee }, {
    ...(today ? { today } : {}),
    onCancelled: (trx, cancelled) =>
      recordAudit(trx, {
        actor: { kind: 'operator', id: operator.id, name: operator.name },
        action: 'reservation.cancel',
        target: { type: 'reservation', id: cancelled.code },
        detail: { reason, fee: cancelled.cancelFee, waived: waiveFee },
        requestId: cancellation.requestId,
      }),
  });
}
