import { listAudit, recordAudit } from '@hatago/audit';
import { type Executor, tablesOf } from '@hatago/db';
import { requireCapability, type StaffAccount } from '@hatago/identity';
import { conflict } from '@hatago/platform/errors';
import type { BookingTables } from '../booking-tables.ts';
import { BookingErrors } from '../booking-errors.ts';
import { enqueueReservationConfirmation } from '../mail/reservation-confirmation.ts';
import { getReservationByCode } from '../queries/reservation-queries.ts';

export const RESEND_CONFIRMATION_ACTION = 'reservation.confirmation.resend';

/** A second resend this soon is taken for a double click, not a second request. */
export const RESEND_GUARD_MS = 60_000;

export interface ConfirmationResend {
  operator: Pick<StaffAccount, 'id' | 'name' | 'role'>;
  requestId: string;
  now?: Date;
}

export type ResendOutcome = { resent: true; mailId: number } | { resent: false; resentAt: string };

/**
 * Queues the booking confirmation again, as booked (template, language, guest's address), and
 * audits it in the same transaction. The reservation's row is locked while the last resend is
 * looked up, so two submits racing each other send one mail: the second finds the first.
 */
export async function resendConfirmation(db: Executor, codeInput: unknown, resend: ConfirmationResend): Promise<ResendOutcome> {
  requireCapability(resend.operator, 'reservations.resend');
  const now = resend.now ?? new Date();
  return db.transaction().execute(async (trx: Executor) => {
    const reservation = await getReservationByCode(trx, codeInput);
    const locked = await tablesOf<BookingTables>(trx).selectFrom('reservations').select('status').where('code', '=', reservation.code).forUpdate().executeTakeFirstOrThrow();
    if (locked.status !== 'confirmed') {
      throw conflict(BookingErrors.RESERVATION_CANCELLED, `${reservation.code} is ${locked.status.replace('_', ' ')}: a confirmation would tell the guest otherwise`);
    }
    const [last] = await listAudit(trx, { targetType: 'reservation', targetId: reservation.code, action: RESEND_CONFIRMATION_ACTION, page: 1, pageSize: 1 });
    if (last && now.getTime() - Date.parse(last.at) < RESEND_GUARD_MS) return { resent: false, resentAt: last.at };
    const mail = await enqueueReservationConfirmation(trx, reservation, `reservation-confirmation-resend:${reservation.code}:${now.getTime()}`);
    await recordAudit(trx, {
      actor: { kind: 'operator', id: resend.operator.id, name: resend.operator.name },
      action: RESEND_CONFIRMATION_ACTION,
      target: { type: 'reservation', id: reservation.code },
      detail: { mailId: mail.id, recipient: reservation.guest.email, language: reservation.locale },
      requestId: resend.requestId,
    });
    return { resent: true, mailId: mail.id };
  });
}
