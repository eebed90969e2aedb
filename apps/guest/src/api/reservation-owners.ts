import type { Static } from '@sinclair/typebox';
import { cancellationTerms } from '@hatago/booking';
import { tableCancellationTerms } from '@hatago/dining';
import { tokyoToday } from '@hatago/platform/time';
import type { GuestServices } from '../deps.ts';
import { isTableReservation, reservationKindOf } from '../reservation-kinds.ts';
import type { AnyReservation } from './restaurant-schemas.ts';

type Answer = Static<typeof AnyReservation>;

/** The guest's look-up, with what cancelling now would cost, whichever module owns the code. */
export async function findForGuestAnswer({ database }: GuestServices, code: string, email: string): Promise<Answer> {
  const reservation = await reservationKindOf(code).find(database.db, code, email);
  if (isTableReservation(reservation)) return { ...reservation, cancellation: tableCancellationTerms(reservation, new Date()) };
  return { ...reservation, cancellation: cancellationTerms(reservation, tokyoToday()) };
}

export const cancelAsGuestAnswer = (services: GuestServices, code: string, email: string): Promise<Answer> =>
  reservationKindOf(code).cancel(services, code, { kind: 'guest', email });
