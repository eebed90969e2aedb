import { createHash } from 'node:crypto';
import { BookingErrors, checkIdempotencyKey, idempotencyKeyReused, newReservationCode } from '@hatago/booking';
import { type Executor, tablesOf } from '@hatago/db';
import { isVerifiedMember } from '@hatago/identity';
import { enqueueMails } from '@hatago/mail';
import { conflict, invalid, notFound } from '@hatago/platform/errors';
import { courseRefusal, type DiningClock, diningClock, dayRefusal } from '../availability/booking-rules.ts';
import { loadRestaurantDays } from '../availability/load-restaurant-days.ts';
import { takeSeats } from '../capacity/seating-stock.ts';
import { type DiningContext, publishSeatsChanged } from '../dining-context.ts';
import { DiningErrors } from '../dining-errors.ts';
import type { DiningTables } from '../dining-tables.ts';
import { tableBookedMail } from '../mail/table-mails.ts';
import { enqueueRestaurantRequestNotice } from '../requests/restaurant-request-notice.ts';
import { parseTableBooking, type TableBookingRequest, type ValidTableBooking } from './table-booking-request.ts';
import { guaranteeColumns, type RecordHold, releaseOnFailure } from '@hatago/payments';
import { holdTableGuarantee } from './table-guarantee.ts';
import { type TableReservation, toTableReservation } from './table-reservation.ts';

export interface TableBookingOptions {
  /** Required: the same key always yields the same reservation, however often it is sent. */
  idempotencyKey: string;
  memberId?: number;
  locale?: 'ja' | 'en';
  /**
   * The total the guest was shown and agreed to; when the course's price changed since,
   * nothing is booked (PRICE_CHANGED), as for stays.
   */
  expectedTotal?: number;
  clock?: DiningClock;
}

export interface TableBookingOutcome {
  reservation: TableReservation;
  /** True when the key had already made this reservation and nothing new was written. */
  replayed: boolean;
}

/** The seating and course a booking asks for, once the restaurant's rules accept them. */
async function bookableChoice(trx: Executor, booking: ValidTableBooking, clock: DiningClock) {
  const [day] = await loadRestaurantDays(trx, { ids: [booking.restaurantId] }, booking.date);
  if (!day) throw notFound(DiningErrors.RESTAURANT_NOT_FOUND, 'No such restaurant');
  const seating = day.seatings.find((s) => s.time === booking.time);
  const course = day.courses.find((c) => c.id === booking.courseId);
  const refusal =
    dayRefusal(day, clock) ??
    (!seating ? { field: 'time', message: 'The restaurant has no seating at this time' } : undefined) ??
    (!course ? { field: 'courseId', message: 'Choose a course of this restaurant' } : undefined) ??
    courseRefusal(course!, seating!, booking.date, booking.party, clock);
  if (refusal) throw invalid(DiningErrors.TABLE_NOT_BOOKABLE, [refusal], 'The restaurant does not take this booking');
  return { day, seating: seating!, course: course! };
}

/**
 * Books a table in one transaction: idempotency claim, the restaurant's rules, the seating's
 * capacity under lock, the reservation and its mail all commit together or not at all. A
 * restaurant taking requests gets a `requested` reservation that already holds its seats,
 * so accepting it later can never find the room full. Once committed, the change of free
 * seats is published; a replay changed nothing and publishes nothing. With a card token, the
 * no-show guarantee is held before the seats are taken, and let go if the booking fails.
 */
export async function bookTable(context: DiningContext, request: TableBookingRequest, options: TableBookingOptions): Promise<TableBookingOutcome> {
  checkIdempotencyKey(options.idempotencyKey);
  const clock = options.clock ?? diningClock();
  const booking = parseTableBooking(request, clock.today);
  const locale = options.locale ?? 'en';
  const requestHash = createHash('sha256')
    .update(JSON.stringify([booking, options.memberId ?? null]))
    .digest('hex');

  // an authorisation held inside the transaction is let go if the transaction then fails
  const book = (hold: RecordHold) => context.db.transaction().execute(async (trx): Promise<TableBookingOutcome> => {
    const t = tablesOf<DiningTables>(trx);
    const code = newReservationCode('table');
    const claimed = await t
      .insertInto('dining_idempotency')
      .values({ key: options.idempotencyKey, request_hash: requestHash, reservation_code: code })
      .onConflict((oc) => oc.column('key').doNothing())
      .returning('key')
      .executeTakeFirst();
    if (!claimed) return replay(trx, options.idempotencyKey, requestHash);

    const { day, seating, course } = await bookableChoice(trx, booking, clock);
    const totalPrice = course.pricePerPerson * booking.party;
    if (options.expectedTotal !== undefined && totalPrice !== options.expectedTotal) {
      throw conflict(BookingErrors.PRICE_CHANGED, 'The price of this course has changed since it was shown; check the new total');
    }
    // as for stays: only a confirmed address links the booking to the member's account
    const memberId = options.memberId !== undefined && (await isVerifiedMember(trx, options.memberId)) ? options.memberId : null;
    const held = hold(await holdTableGuarantee(context, booking.guaranteeToken, { amount: totalPrice, code, idempotencyKey: options.idempotencyKey }));
    const tableSeats = await takeSeats(trx, { restaurantId: day.restaurant.id, seatingId: seating.id, date: booking.date }, booking.party);
    const row = await t
      .insertInto('table_reservations')
      .values({
        code,
        status: day.restaurant.bookingMode === 'request' ? 'requested' : 'confirmed',
        restaurant_id: day.restaurant.id,
        course_id: course.id,
        seating_id: seating.id,
        service_date: booking.date,
        party: booking.party,
        table_seats: tableSeats,
        guest_name: booking.contact.name,
        guest_name_latin: booking.contact.nameLatin,
        email: booking.contact.email,
        phone: booking.contact.phone,
        requests: booking.requests,
        member_id: memberId,
        locale,
        restaurant_name: day.restaurant.name[locale],
        course_name: course.name[locale],
        seating_time: seating.time,
        duration_minutes: seating.durationMinutes,
        price_per_person: course.pricePerPerson,
        total_price: totalPrice,
        cancel_fees: JSON.stringify(course.cancelFees),
        cancel_fee: null,
        cancelled_at: null,
        cancelled_by: null,
        ...guaranteeColumns(held),
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    const reservation = toTableReservation(row);
    await enqueueMails(trx, [tableBookedMail(reservation)]);
    if (reservation.status === 'requested') await enqueueRestaurantRequestNotice(trx, reservation);
    return { reservation, replayed: false };
  });
  const outcome = await releaseOnFailure(context.payments, book);
  if (!outcome.replayed) await publishSeatsChanged(context, outcome.reservation.restaurantId);
  return outcome;
}

async function replay(trx: Executor, key: string, requestHash: string): Promise<TableBookingOutcome> {
  const existing = await tablesOf<DiningTables>(trx)
    .selectFrom('dining_idempotency as k')
    .innerJoin('table_reservations as r', 'r.code', 'k.reservation_code')
    .selectAll('r')
    .select('k.request_hash')
    .where('k.key', '=', key)
    .executeTakeFirstOrThrow();
  if (existing.request_hash !== requestHash) throw idempotencyKeyReused();
  return { reservation: toTableReservation(existing), replayed: true };
}
