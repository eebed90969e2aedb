import type { Static } from '@sinclair/typebox';
import { cancellationTerms, cancelReservation, findReservationForGuest, normaliseReservationCode } from '@hatago/booking';
import { cancelTableReservation, findTableReservationForGuest, tableCancellationTerms } from '@hatago/dining';
import { tokyoToday } from '@hatago/platform/time';
import type { GuestServices } from '../deps.ts';
import type { AnyReservation } from './restaurant-schemas.ts';

type Answer = Static<typeof AnyReservation>;

/** What the guest's look-up and cancel routes ask of the module owning a reservation. */
interface ReservationOwner {
  find(services: GuestServices, code: string, email: string): Promise<Answer>;
  cancel(services: GuestServices, code: string, email: string): Promise<Answer>;
}

const stays: ReservationOwner = {
  async find({ database }, code, email) {
    const reservation = await findReservationForGuest(database.db, code, email);
    return { ...reservation, cancellation: cancellationTerms(reservation, tokyoToday()) };
  },
  async cancel({ booking }, code, email) {
    return (await cancelReservation(booking, code, { kind: 'guest', email })).reservation;
  },
};

const tables: ReservationOwner = {
  async find({ database }, code, email) {
    const reservation = await findTableReservationForGuest(database.db, code, email);
    return { ...reservation, cancellation: tableCancellationTerms(reservation, new Date()) };
  },
  async cancel({ dining }, code, email) {
    return (await cancelTableReservation(dining, code, { kind: 'guest', email })).reservation;
  },
};

/**
 * The module that owns a code, told by its prefix (RS tables, HT stays). Anything that is
 * not a table code goes to booking, so a malformed code is answered as it always was.
 */
export const reservationOwnerOf = (code: string): ReservationOwner => (normaliseReservationCode(code, 'table') ? tables : stays);
