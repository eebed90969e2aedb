import { releaseRooms } from '@hatago/catalog';
import { tablesOf } from '@hatago/db';
import { conflict } from '@hatago/platform/errors';
import { addDays, daysBetween, tokyoToday } from '@hatago/platform/time';
import { type BookingContext, publishRoomsChanged } from '../booking-context.ts';
import type { BookingTables, ReservationStatus } from '../booking-tables.ts';
import { BookingErrors } from '../booking-errors.ts';
import { type Reservation, type ReservationRow, toReservation } from '../reservations/reservation.ts';
import { settleStayGuarantee } from '../reservations/stay-guarantee.ts';
import { auditStaffAction, lockForStaff, type StaffAction } from './staff-action.ts';

export interface TransitionOutcome {
  reservation: Reservation;
  /** False when it was already in the status asked for: a resent form changes nothing and succeeds. */
  changed: boolean;
}

type Step = 'check-in' | 'check-out' | 'no-show';

/** The audit action of each front desk step, by the status it leads to: who did it and when is read from these. */
export const FRONT_DESK_ACTIONS = {
  checked_in: 'reservation.check_in',
  checked_out: 'reservation.check_out',
  no_show: 'reservation.no_show',
} as const satisfies Partial<Record<ReservationStatus, string>>;

const STEPS: Record<Step, { from: ReservationStatus; to: keyof typeof FRONT_DESK_ACTIONS; verb: string }> = {
  'check-in': { from: 'confirmed', to: 'checked_in', verb: 'checked in' },
  'check-out': { from: 'checked_in', to: 'checked_out', verb: 'checked out' },
  'no-show': { from: 'confirmed', to: 'no_show', verb: 'marked a no-show' },
};

/** What a no-show owes: the plan's percent of the whole stay's total, rounded down to the yen. */
export const noShowFeeOf = (r: Pick<Reservation, 'totalPrice' | 'noShowFeePercent'>): number => Math.floor((r.totalPrice * r.noShowFeePercent) / 100);

/** The dates rules of each step, judged in Tokyo: nobody arrives, or fails to, before the arrival date. */
function checkDates(step: Step, row: ReservationRow, today: string): void {
  if (step === 'check-out') return;
  if (today < row.checkin) {
    throw conflict(BookingErrors.BEFORE_ARRIVAL, `${row.code} arrives on ${row.checkin}: it cannot be ${STEPS[step].verb} before then`);
  }
  if (step === 'check-in' && today >= addDays(row.checkin, row.nights)) {
    throw conflict(BookingErrors.INVALID_STATUS_CHANGE, `${row.code}'s stay ended on ${addDays(row.checkin, row.nights)}: mark it a no-show instead`);
  }
}

/**
 * Moves a reservation one step at the front desk, audited in the same transaction: check-in
 * (confirmed, from the arrival date until the stay ends), check-out (checked in; leaving
 * early keeps the nights sold) and no-show (confirmed, once the arrival date has begun: the
 * plan's no-show fee is charged and the nights from today on go back on sale, published
 * after the commit). After the commit a card guarantee is settled: a no-show's fee captured,
 * a check-out's hold let go. Any other step is refused with INVALID_STATUS_CHANGE.
 */
async function moveStatus(context: BookingContext, codeInput: unknown, step: Step, action: StaffAction): Promise<TransitionOutcome> {
  const rule = STEPS[step];
  const today = action.today ?? tokyoToday();
  const outcome = await context.db.transaction().execute(async (trx) => {
    const row = await lockForStaff(trx, codeInput, action, 'reservations.modify');
    if (row.status === rule.to) return { reservation: toReservation(row), changed: false, released: 0 };
    if (row.status !== rule.from) {
      throw conflict(BookingErrors.INVALID_STATUS_CHANGE, `${row.code} is ${row.status.replace('_', ' ')}: it cannot be ${rule.verb}`);
    }
    checkDates(step, row, today);
    const now = new Date();
    let released = 0;
    let fee: number | null = null;
    if (step === 'no-show') {
      fee = noShowFeeOf(toReservation(row));
      const from = today > row.checkin ? today : row.checkin;
      released = Math.max(0, row.nights - daysBetween(row.checkin, from));
      if (released > 0) await releaseRooms(trx, row.room_type_id, { checkin: from, nights: released, rooms: row.rooms });
    }
    const updated = await tablesOf<BookingTables>(trx)
      .updateTable('reservations')
      .set({
        status: rule.to,
        ...(step === 'check-in' ? { checked_in_at: now } : step === 'check-out' ? { checked_out_at: now } : { no_show_at: now, no_show_fee: fee }),
      })
      .where('id', '=', row.id)
      .returningAll()
      .executeTakeFirstOrThrow();
    await auditStaffAction(trx, action, FRONT_DESK_ACTIONS[rule.to], row.code, {
      before: { status: row.status },
      after: { status: rule.to },
      ...(fee === null ? {} : { fee, feePercent: row.no_show_fee_percent, nightsReleased: released }),
    });
    return { reservation: toReservation(updated), changed: true, released };
  });
  if (outcome.released > 0) await publishRoomsChanged(context, outcome.reservation.hotelId);
  // also on a resent step: it settles a hold its first attempt left unsettled
  const { reservation } = outcome;
  if (step === 'no-show') return { reservation: await settleStayGuarantee(context, reservation, 'no-show-fee', reservation.noShowFee ?? 0), changed: outcome.changed };
  if (step === 'check-out') return { reservation: await settleStayGuarantee(context, reservation, 'check-out', 0), changed: outcome.changed };
  return { reservation, changed: outcome.changed };
}

export const checkIn = (context: BookingContext, code: unknown, action: StaffAction) => moveStatus(context, code, 'check-in', action);
export const checkOut = (context: BookingContext, code: unknown, action: StaffAction) => moveStatus(context, code, 'check-out', action);
export const markNoShow = (context: BookingContext, code: unknown, action: StaffAction) => moveStatus(context, code, 'no-show', action);
