import {
  type Canceller,
  cancelReservation,
  findReservationForGuest,
  getReservationByCode,
  listMemberReservations,
  normaliseReservationCode,
  type Reservation,
} from '@hatago/booking';
import type { Executor } from '@hatago/db';
import {
  cancelTableReservation,
  findTableReservationForGuest,
  getTableReservationByCode,
  listMemberTableReservations,
  type TableReservation,
} from '@hatago/dining';
import type { GuestServices } from './deps.ts';

/** A stay (code HT…, booking) or a table (code RS…, dining): pages and API serve both. */
export type AnyReservation = Reservation | TableReservation;

export const isTableReservation = (reservation: AnyReservation): reservation is TableReservation => 'restaurantId' in reservation;

/** What the guest routes ask of the module owning a reservation. */
interface ReservationKind {
  /** The guest's own look-up: code and email must both match. */
  find(db: Executor, code: string, email: string): Promise<AnyReservation>;
  /** By code alone, for callers that check who may see it (a member's own, the confirmation). */
  get(db: Executor, code: string): Promise<AnyReservation>;
  cancel(services: Pick<GuestServices, 'booking' | 'dining'>, code: string, by: Canceller): Promise<AnyReservation>;
}

const stays: ReservationKind = {
  find: findReservationForGuest,
  get: (db, code) => getReservationByCode(db, code),
  cancel: async ({ booking }, code, by) => (await cancelReservation(booking, code, by)).reservation,
};

const tables: ReservationKind = {
  find: findTableReservationForGuest,
  get: getTableReservationByCode,
  cancel: async ({ dining }, code, by) => (await cancelTableReservation(dining, code, by)).reservation,
};

/**
 * The module that owns a code, told by its prefix (RS tables, HT stays). Anything that is
 * not a table code goes to booking, so a malformed code is answered as it always was.
 */
export const reservationKindOf = (code: unknown): ReservationKind => (normaliseReservationCode(code, 'table') ? tables : stays);

/** The day a reservation begins: a stay's check-in, a table's date. */
export const startOf = (reservation: AnyReservation): string => (isTableReservation(reservation) ? reservation.date : reservation.checkin);

/** A member's stays and tables together, the latest first. */
export async function listMemberReservationsOfEveryKind(db: Executor, memberId: number): Promise<AnyReservation[]> {
  const [stayList, tableList] = await Promise.all([listMemberReservations(db, memberId), listMemberTableReservations(db, memberId)]);
  return [...stayList, ...tableList].sort((a, b) => startOf(b).localeCompare(startOf(a)) || b.createdAt.localeCompare(a.createdAt));
}
