import { createHash } from 'node:crypto';
import { type Executor, tablesOf } from '@hatago/db';
import { parseStay, quoteStay, reserveRooms, type Stay } from '@hatago/catalog';
import { type ContactDetails, isVerifiedMember, parseContact } from '@hatago/identity';
import { enqueueMails } from '@hatago/mail';
import { guaranteeColumns, holdGuarantee, type PaymentProvider, type RecordHold, releaseOnFailure } from '@hatago/payments';
import { conflict, DomainError, FieldErrors, invalid } from '@hatago/platform/errors';
import { type BookingContext, publishRoomsChanged } from '../booking-context.ts';
import type { BookingTables } from '../booking-tables.ts';
import { stayBookedMails } from '../mail/stay-mails.ts';
import { newReservationCode } from './reservation-code.ts';
import { type Reservation, toReservation } from './reservation.ts';
import { BookingErrors } from '../booking-errors.ts';
import { checkArrivalTime, parseStayDetails, type StayDetails, type StayDetailsInput } from './stay-details.ts';

export interface BookingRequest extends StayDetailsInput {
  planId?: unknown;
  checkin?: unknown;
  nights?: unknown;
  rooms?: unknown;
  guest?: { name?: unknown; nameLatin?: unknown; email?: unknown; phone?: unknown };
}

export interface BookingOptions {
  /** Required: the same key always yields the same reservation, however often it is sent. */
  idempotencyKey: string;
  /** Attached only when the member's address is verified. */
  memberId?: number;
  locale?: 'ja' | 'en';
  /** Forms ask for the Latin name too; the API accepts `name` alone. */
  requireLatinName?: boolean;
  /**
   * The total the guest was shown and agreed to; when prices changed since, nothing is
   * booked (PRICE_CHANGED) rather than charging a sum the guest never saw.
   */
  expectedTotal?: number;
  today?: string;
}

export interface BookingOutcome {
  reservation: Reservation;
  /** True when the key had already made this reservation and nothing new was written. */
  replayed: boolean;
}

export const IDEMPOTENCY_KEY = /^[\x21-\x7e]{8,200}$/;

/** Every booking write, of a stay or a table, takes a key of this shape. */
export function checkIdempotencyKey(key: string): void {
  if (!IDEMPOTENCY_KEY.test(key)) {
    throw invalid(BookingErrors.INVALID_IDEMPOTENCY_KEY, [{ field: 'Idempotency-Key', message: 'Send 8 to 200 printable ASCII characters' }]);
  }
}

/** The answer to a key already used for a different request: nothing is booked. */
export const idempotencyKeyReused = () =>
  invalid(
    BookingErrors.IDEMPOTENCY_KEY_REUSED,
    [{ field: 'Idempotency-Key', message: 'This key was used for a different booking request' }],
    'The Idempotency-Key was already used with a different request body',
  );

interface ValidBooking {
  planId: number;
  /** `guests` is the whole party, adults and children: the rooms must hold them all. */
  stay: Stay;
  details: StayDetails;
  contact: ContactDetails;
}

/** Validates the whole request and reports every bad field at once. */
export function parseBookingRequest(request: BookingRequest, options: Pick<BookingOptions, 'requireLatinName' | 'today'>): ValidBooking {
  const errors = new FieldErrors();
  const planId = typeof request.planId === 'number' ? request.planId : Number(request.planId);
  if (!Number.isInteger(planId) || planId < 1 || planId > 2 ** 31 - 1) errors.add('planId', 'Choose a plan');
  const collect = <T>(parse: () => T): T | undefined => {
    try {
      return parse();
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      error.fields.forEach((f) => errors.add(f.field, f.message));
      return undefined;
    }
  };
  const details = parseStayDetails(request, errors);
  // a party already refused above is not refused again as a stay
  const party = details.adults >= 1 ? details.adults + details.children : 1;
  const stay = collect(() => parseStay({ ...request, guests: party }, options.today));
  const contact = collect(() =>
    parseContact(request.guest ?? {}, { requireLatin: options.requireLatinName ?? false, prefix: 'guest' }),
  );
  errors.throwIfAny(BookingErrors.INVALID_BOOKING);
  return { planId, stay: stay!, details, contact: contact! };
}

/**
 * Books a stay in one transaction: idempotency claim, price quote, inventory for every
 * night, the reservation and its confirmation mail all commit together or not at all.
 * Once committed, the hotel's change of free rooms is published; a replay changed
 * nothing and publishes nothing.
 */
export async function bookStay(context: BookingContext, request: BookingRequest, options: BookingOptions): Promise<BookingOutcome> {
  checkIdempotencyKey(options.idempotencyKey);
  const booking = parseBookingRequest(request, options);
  const locale = options.locale ?? 'en';
  const requestHash = createHash('sha256')
    .update(JSON.stringify([booking.planId, booking.stay, booking.details, booking.contact, options.memberId ?? null]))
    .digest('hex');

  // an authorisation held inside the transaction is let go if the transaction then fails
  const book = (hold: RecordHold) => context.db.transaction().execute(async (trx): Promise<BookingOutcome> => {
    const t = tablesOf<BookingTables>(trx);
    const code = newReservationCode();
    const claimed = await t
      .insertInto('booking_idempotency')
      .values({ key: options.idempotencyKey, request_hash: requestHash, reservation_code: code })
      .onConflict((oc) => oc.column('key').doNothing())
      .returning('key')
      .executeTakeFirst();
    if (!claimed) return replay(trx, options.idempotencyKey, requestHash);

    const quote = await quoteStay(trx, booking.planId, booking.stay);
    if (options.expectedTotal !== undefined && quote.totalPrice !== options.expectedTotal) {
      throw conflict(BookingErrors.PRICE_CHANGED, 'The price of this stay has changed since it was shown; check the new total');
    }
    const held = hold(await holdStayGuarantee(context.payments, booking, quote, { code, idempotencyKey: options.idempotencyKey }));
    await reserveRooms(trx, quote.roomTypeId, booking.stay);
    // only a member who proved their address holds reservations; anyone else books as a guest
    const memberId = options.memberId !== undefined && (await isVerifiedMember(trx, options.memberId)) ? options.memberId : null;
    const booked = {
      code,
      status: 'confirmed' as const,
      hotel_id: quote.hotelId,
      room_type_id: quote.roomTypeId,
      plan_id: quote.planId,
      checkin: booking.stay.checkin,
      nights: booking.stay.nights,
      guests: booking.stay.guests,
      children: booking.details.children,
      arrival_time: booking.details.arrivalTime,
      requests: booking.details.requests,
      rooms: booking.stay.rooms,
      guest_name: booking.contact.name,
      guest_name_latin: booking.contact.nameLatin,
      email: booking.contact.email,
      phone: booking.contact.phone,
      member_id: memberId,
      locale,
      total_price: quote.totalPrice,
      accommodation_tax: quote.breakdown.accommodationTax,
      hotel_name: quote.hotelName[locale],
      room_type_name: quote.roomTypeName[locale],
      plan_name: quote.planName[locale],
      meals: quote.meals,
      free_cancel_days: quote.freeCancelDays,
      cancel_fee_percent: quote.cancelFeePercent,
      no_show_fee_percent: quote.noShowFeePercent,
      cancel_fee: null,
      cancelled_at: null,
      cancelled_by: null,
      // parseBookingRequest refused the booking unless the guest accepted the terms with it
      terms_accepted_at: new Date(),
      ...guaranteeColumns(held),
    };
    const row = await t.insertInto('reservations').values(booked).returningAll().executeTakeFirstOrThrow();
    // two plain inserts, not one WITH statement: measured, the WITH form cost PostgreSQL and Node more than the round trip it saved
    await t
      .insertInto('reservation_nights')
      .values(quote.nightly.map((n) => ({ reservation_id: row.id, stay_date: n.date, price: n.total })))
      .execute();

    const reservation = toReservation(row);
    // the guest's confirmation and the front desk's notice, in one statement
    await enqueueMails(trx, stayBookedMails(reservation, { email: quote.hotelContactEmail, name: quote.hotelName }));
    return { reservation, replayed: false };
  });
  const outcome = await releaseOnFailure(context.payments, book);
  if (!outcome.replayed) await publishRoomsChanged(context, outcome.reservation.hotelId);
  return outcome;
}

/**
 * A plan that requires it is held by a card guarantee for the whole stay, the worst fee a
 * no-show can be charged; a plan paid at the hotel holds nothing, whatever is sent. The
 * arrival time is judged here too, where the hotel's check-in time is first known; either
 * refusal throws before any room is taken, so the transaction writes nothing.
 */
async function holdStayGuarantee(
  payments: PaymentProvider | undefined,
  booking: ValidBooking,
  quote: Awaited<ReturnType<typeof quoteStay>>,
  reference: { code: string; idempotencyKey: string },
) {
  const errors = new FieldErrors();
  checkArrivalTime(booking.details.arrivalTime, quote.checkinTime, errors);
  if (quote.guaranteeRequired && booking.details.guaranteeToken === undefined) {
    errors.add('guaranteeToken', 'This plan is booked with a card guarantee; enter a card');
  }
  errors.throwIfAny(BookingErrors.INVALID_BOOKING);
  if (!quote.guaranteeRequired) return undefined;
  return holdGuarantee(payments, booking.details.guaranteeToken, {
    amount: quote.totalPrice,
    reference: reference.code,
    idempotencyKey: `stay-guarantee:${reference.idempotencyKey}`,
  });
}

async function replay(trx: Executor, key: string, requestHash: string): Promise<BookingOutcome> {
  const existing = await tablesOf<BookingTables>(trx)
    .selectFrom('booking_idempotency as k')
    .innerJoin('reservations as r', 'r.code', 'k.reservation_code')
    .selectAll('r')
    .select('k.request_hash')
    .where('k.key', '=', key)
    .executeTakeFirstOrThrow();
  if (existing.request_hash !== requestHash) throw idempotencyKeyReused();
  return { reservation: toReservation(existing), replayed: true };
}

