import { recordAudit } from '@hatago/audit';
import { type Executor, tablesOf } from '@hatago/db';
import { type OperatorCapability, requireCapability, type StaffAccount } from '@hatago/identity';
import { notFound } from '@hatago/platform/errors';
import type { BookingTables } from '../booking-tables.ts';
import { BookingErrors } from '../booking-errors.ts';
import { normaliseReservationCode } from '../reservations/reservation-code.ts';
import type { ReservationRow } from '../reservations/reservation.ts';

/** Who changes a reservation at the desk or on the guest's behalf, and in which request. */
export interface StaffAction {
  staff: Pick<StaffAccount, 'id' | 'name' | 'kind' | 'hotelId' | 'role'>;
  requestId: string;
  /** The Tokyo date the rules count from; today unless a test fixes it. */
  today?: string;
}

/**
 * Finds, and locks unless only previewing, a reservation for a staff change. The account
 * decides the scope: a facility account reaches only its own hotel's reservations
 * (another's is simply not found), an operator any, provided their role holds `capability`.
 */
export async function lockForStaff(
  trx: Executor,
  codeInput: unknown,
  action: StaffAction,
  capability: OperatorCapability,
  lock = true,
): Promise<ReservationRow> {
  const { staff } = action;
  if (staff.kind === 'operator') requireCapability(staff, capability);
  const code = normaliseReservationCode(codeInput);
  let query = tablesOf<BookingTables>(trx).selectFrom('reservations').selectAll().where('code', '=', code ?? '');
  // a restaurant's account (no hotel) matches no reservation at all
  if (staff.kind !== 'operator') query = query.where('hotel_id', '=', staff.hotelId ?? 0);
  const row = code ? await (lock ? query.forUpdate() : query).executeTakeFirst() : undefined;
  if (!row) throw notFound(BookingErrors.RESERVATION_NOT_FOUND, `No reservation ${String(codeInput)}`);
  return row;
}

/** The audit entry of a staff change, written in the change's own transaction. */
export const auditStaffAction = (trx: Executor, action: StaffAction, verb: string, code: string, detail: Record<string, unknown>) =>
  recordAudit(trx, {
    actor: { kind: action.staff.kind, id: action.staff.id, name: action.staff.name },
    action: verb,
    target: { type: 'reservation', id: code },
    detail,
    requestId: action.requestId,
  });
