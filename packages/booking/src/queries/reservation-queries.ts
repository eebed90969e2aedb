import { type Executor, tablesOf } from '@hatago/db';
import { notFound } from '@hatago/platform/errors';
import { normalisePersonName } from '@hatago/platform/input';
import type { BookingTables, ReservationStatus } from '../booking-tables.ts';
import { normaliseReservationCode } from '../reservations/reservation-code.ts';
import { type Reservation, toReservation } from '../reservations/reservation.ts';
import { BookingErrors } from '../booking-errors.ts';

/** A guest's own look-up: both the code and the email must match, so codes cannot be probed. */
export async function findReservationForGuest(db: Executor, codeInput: unknown, email: unknown): Promise<Reservation> {
  const code = normaliseReservationCode(codeInput);
  const row =
    code && typeof email === 'string'
      ? await tablesOf<BookingTables>(db)
          .selectFrom('reservations')
          .selectAll()
          .where('code', '=', code)
          .where((eb) => eb(eb.fn('lower', ['email']), '=', email.trim().toLowerCase()))
          .executeTakeFirst()
      : undefined;
  if (!row) throw notFound(BookingErrors.RESERVATION_NOT_FOUND, 'No reservation matches this code and email');
  return toReservation(row);
}

/** For staff, whose access is checked by the caller (operators see all, facilities their hotel). */
export async function getReservationByCode(db: Executor, codeInput: unknown, scope: { hotelId?: number } = {}): Promise<Reservation> {
  const code = normaliseReservationCode(codeInput);
  let query = tablesOf<BookingTables>(db).selectFrom('reservations').selectAll().where('code', '=', code ?? '');
  if (scope.hotelId !== undefined) query = query.where('hotel_id', '=', scope.hotelId);
  const row = code ? await query.executeTakeFirst() : undefined;
  if (!row) throw notFound(BookingErrors.RESERVATION_NOT_FOUND, `No reservation ${String(codeInput)}`);
  return toReservation(row);
}

export async function listMemberReservations(db: Executor, memberId: number): Promise<Reservation[]> {
  const rows = await tablesOf<BookingTables>(db)
    .selectFrom('reservations')
    .selectAll()
    .where('member_id', '=', memberId)
    .orderBy('checkin', 'desc')
    .orderBy('id', 'desc')
    .limit(200)
    .execute();
  return rows.map(toReservation);
}

/** What staff search reservations by; `S` narrows the statuses a list offers (a restaurant's, those tables share). */
export interface ReservationFilter<S extends ReservationStatus = ReservationStatus> {
  hotelId?: number;
  code?: string;
  email?: string;
  /** Matches the guest name in either script, case-insensitively, anywhere in the name. */
  name?: string;
  checkinFrom?: string;
  checkinTo?: string;
  status?: S;
  page: number;
  pageSize: number;
}

export async function searchReservations(db: Executor, filter: ReservationFilter): Promise<{ items: Reservation[]; total: number }> {
  let query = tablesOf<BookingTables>(db).selectFrom('reservations');
  if (filter.hotelId !== undefined) query = query.where('hotel_id', '=', filter.hotelId);
  if (filter.code) query = query.where('code', '=', normaliseReservationCode(filter.code) ?? filter.code.trim().toUpperCase());
  if (filter.email) query = query.where((eb) => eb(eb.fn('lower', ['email']), '=', filter.email!.trim().toLowerCase()));
  if (filter.name) {
    // normalised as names are on input (parseContact), so what staff type matches what was stored
    const pattern = `%${normalisePersonName(filter.name).replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    query = query.where((eb) => eb.or([eb('guest_name', 'ilike', pattern), eb('guest_name_latin', 'ilike', pattern)]));
  }
  if (filter.checkinFrom) query = query.where('checkin', '>=', filter.checkinFrom);
  if (filter.checkinTo) query = query.where('checkin', '<=', filter.checkinTo);
  if (filter.status) query = query.where('status', '=', filter.status);
  const [rows, count] = await Promise.all([
    query
      .selectAll()
      .orderBy('checkin', 'desc')
      .orderBy('id', 'desc')
      .limit(filter.pageSize)
      .offset((filter.page - 1) * filter.pageSize)
      .execute(),
    query.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { items: rows.map(toReservation), total: Number(count.n) };
}

/** The price of each night as it was booked, for staff explaining a bill. */
export async function listReservationNights(db: Executor, code: string): Promise<Array<{ date: string; price: number }>> {
  const rows = await tablesOf<BookingTables>(db)
    .selectFrom('reservation_nights as n')
    .innerJoin('reservations as r', 'r.id', 'n.reservation_id')
    .select(['n.stay_date', 'n.price'])
    .where('r.code', '=', code)
    .orderBy('n.stay_date')
    .execute();
  return rows.map((r) => ({ date: r.stay_date, price: r.price }));
}
