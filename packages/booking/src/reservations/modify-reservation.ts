import { CatalogErrors, checkoutOf, moveRooms, quoteStay, type StayQuote } from '@hatago/catalog';
import { type Executor, tablesOf } from '@hatago/db';
import { conflict, DomainError, invalid } from '@hatago/platform/errors';
import { type BookingContext, publishRoomsChanged } from '../booking-context.ts';
import type { BookingTables } from '../booking-tables.ts';
import { BookingErrors } from '../booking-errors.ts';
import { auditStaffAction, lockForStaff, type StaffAction } from '../front-desk/staff-action.ts';
import { enqueueReservationModification } from '../mail/reservation-modification.ts';
import { alreadyAsAsked, parseReservationChange, type ReservationChange, type ValidChange } from './modification-input.ts';
import { type Reservation, type ReservationRow, toReservation } from './reservation.ts';

export const MODIFY_ACTION = 'reservation.modify';

export interface ModificationPreview {
  before: Reservation;
  /** The stay as it would be, re-quoted at today's prices and the chosen plan's terms. */
  after: Pick<Reservation, 'planId' | 'roomTypeId' | 'roomTypeName' | 'planName' | 'checkin' | 'checkout' | 'nights' | 'guests' | 'rooms' | 'totalPrice' | 'accommodationTax'>;
  /** True when the change asks for nothing new. */
  unchanged: boolean;
}

export interface ModificationOutcome {
  before: Reservation;
  reservation: Reservation;
  /** False when nothing was written: the reservation already was as asked (a resent form, or no change). */
  changed: boolean;
}

function checkModifiable(row: ReservationRow): void {
  if (row.status !== 'confirmed') {
    throw conflict(BookingErrors.INVALID_STATUS_CHANGE, `${row.code} is ${row.status.replace('_', ' ')}: only a confirmed stay not yet checked in can be changed`);
  }
}

/** The new stay's quote; a plan of another hotel, or none, is a field error like any other bad choice. */
async function requote(trx: Executor, row: ReservationRow, change: ValidChange): Promise<StayQuote> {
  const refused = () => invalid(BookingErrors.INVALID_MODIFICATION, [{ field: 'planId', message: "Choose one of this hotel's plans" }]);
  let quote: StayQuote;
  try {
    quote = await quoteStay(trx, change.planId, change.stay);
  } catch (error) {
    if (error instanceof DomainError && error.code === CatalogErrors.PLAN_NOT_FOUND) throw refused();
    throw error;
  }
  if (quote.hotelId !== row.hotel_id) throw refused();
  return quote;
}

const afterOf = (row: ReservationRow, change: ValidChange, quote: StayQuote): ModificationPreview['after'] => ({
  planId: quote.planId,
  roomTypeId: quote.roomTypeId,
  roomTypeName: quote.roomTypeName[row.locale],
  planName: quote.planName[row.locale],
  ...change.stay,
  checkout: checkoutOf(change.stay),
  totalPrice: quote.totalPrice,
  accommodationTax: quote.breakdown.accommodationTax,
});

/** What a change would make of a reservation and cost, without changing anything: the console shows it before staff confirm. */
export async function previewModification(db: Executor, codeInput: unknown, input: ReservationChange, action: StaffAction): Promise<ModificationPreview> {
  const row = await lockForStaff(db, codeInput, action, 'reservations.modify', false);
  checkModifiable(row);
  const before = toReservation(row);
  const change = parseReservationChange(input, before, action.today);
  const quote = await requote(db, row, change);
  return { before, after: afterOf(row, change, quote), unchanged: alreadyAsAsked(before, change) };
}

/** What the audit entry and the console's history show of a stay, before and after. */
const auditedStay = (r: Reservation) => ({
  plan: `${r.roomTypeName} / ${r.planName}`,
  checkin: r.checkin,
  nights: r.nights,
  guests: r.guests,
  rooms: r.rooms,
  totalPrice: r.totalPrice,
  accommodationTax: r.accommodationTax,
});

/**
 * Changes the dates, plan (and so room type), guests or rooms of a confirmed stay in one
 * transaction: the row is locked, the stay re-quoted at today's prices and the plan's
 * current terms, the rooms moved (nights both stays hold change only by the difference;
 * never past what is for sale), the nights replaced, the change audited and the guest
 * mailed before → after in their language. The version the form showed must still be the
 * reservation's; a form sent again after it took effect finds the reservation already as
 * asked and changes nothing. Once committed, the hotel's rooms change is published.
 */
export async function modifyReservation(context: BookingContext, codeInput: unknown, input: ReservationChange, action: StaffAction): Promise<ModificationOutcome> {
  const outcome = await context.db.transaction().execute(async (trx): Promise<ModificationOutcome> => {
    const row = await lockForStaff(trx, codeInput, action, 'reservations.modify');
    const before = toReservation(row);
    const change = parseReservationChange(input, before, action.today);
    checkModifiable(row);
    if (alreadyAsAsked(before, change)) return { before, reservation: before, changed: false };
    if (row.version !== change.version) {
      throw conflict(BookingErrors.RESERVATION_CHANGED, `${row.code} was changed by somebody else since this form was shown; reload it and decide again`);
    }
    const quote = await requote(trx, row, change);
    if (change.expectedTotal !== undefined && change.expectedTotal !== quote.totalPrice) {
      throw conflict(BookingErrors.PRICE_CHANGED, 'The price of this change moved since it was previewed; preview it again');
    }
    await moveRooms(trx, { roomTypeId: row.room_type_id, stay: row }, { roomTypeId: quote.roomTypeId, stay: change.stay });
    const t = tablesOf<BookingTables>(trx);
    const updated = await t
      .updateTable('reservations')
      .set({
        room_type_id: quote.roomTypeId,
        plan_id: quote.planId,
        ...change.stay,
        // the desk changes the party as a whole; children stay as told, never the whole party
        children: Math.min(row.children, change.stay.guests - 1),
        total_price: quote.totalPrice,
        accommodation_tax: quote.breakdown.accommodationTax,
        room_type_name: quote.roomTypeName[before.locale],
        plan_name: quote.planName[before.locale],
        meals: quote.meals,
        free_cancel_days: quote.freeCancelDays,
        cancel_fee_percent: quote.cancelFeePercent,
        no_show_fee_percent: quote.noShowFeePercent,
        version: row.version + 1,
      })
      .where('id', '=', row.id)
      .returningAll()
      .executeTakeFirstOrThrow();
    await t.deleteFrom('reservation_nights').where('reservation_id', '=', row.id).execute();
    await t
      .insertInto('reservation_nights')
      .values(quote.nightly.map((n) => ({ reservation_id: row.id, stay_date: n.date, price: n.total })))
      .execute();
    const reservation = toReservation(updated);
    await auditStaffAction(trx, action, MODIFY_ACTION, reservation.code, { before: auditedStay(before), after: auditedStay(reservation) });
    await enqueueReservationModification(trx, before, reservation);
    return { before, reservation, changed: true };
  });
  if (outcome.changed) await publishRoomsChanged(context, outcome.reservation.hotelId);
  return outcome;
}
