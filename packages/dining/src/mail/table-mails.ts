import { type PreparedMail, prepareMail } from '@hatago/mail';
import type { TableReservation } from '../reservations/table-reservation.ts';
import { restaurantNewRequest } from './restaurant-new-request.ts';
import { tableReservationCancellation } from './table-reservation-cancellation.ts';
import { tableReservationConfirmation } from './table-reservation-confirmation.ts';
import { tableReservationDeclined } from './table-reservation-declined.ts';
import { tableReservationRequest } from './table-reservation-request.ts';

const toGuest = (reservation: TableReservation, idempotencyKey: string) => ({
  to: reservation.guest.email,
  locale: reservation.locale,
  category: 'reservation' as const,
  idempotencyKey,
  reference: reservation.code,
  params: { reservation },
});

/** The guest's mail at booking, in the language they booked in: confirmed, or a request waiting for the restaurant. */
export const tableBookedMail = (reservation: TableReservation): PreparedMail =>
  prepareMail(reservation.status === 'requested' ? tableReservationRequest : tableReservationConfirmation, toGuest(reservation, `table-reservation-${reservation.status}:${reservation.code}`));

/** The guest's mail once the restaurant answered their request. */
export const tableAnswerMail = (reservation: TableReservation, answer: 'accept' | 'decline'): PreparedMail =>
  prepareMail(answer === 'accept' ? tableReservationConfirmation : tableReservationDeclined, toGuest(reservation, `table-request-${answer}:${reservation.code}`));

/** The guest's notice of a cancellation, with its fee. */
export const tableCancelledMail = (cancelled: TableReservation): PreparedMail =>
  prepareMail(tableReservationCancellation, toGuest(cancelled, `table-reservation-cancellation:${cancelled.code}`));

/** The restaurant's notice that a request waits for its answer; restaurant staff read Japanese, as front desks do. */
export const restaurantRequestNoticeMail = (reservation: TableReservation, contactEmail: string): PreparedMail =>
  prepareMail(restaurantNewRequest, {
    to: contactEmail,
    locale: 'ja',
    category: 'facility',
    idempotencyKey: `${restaurantNewRequest.name}:${reservation.code}`,
    reference: reservation.code,
    params: { reservation },
  });
