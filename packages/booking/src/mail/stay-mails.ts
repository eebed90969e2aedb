import type { HotelContact } from '@hatago/catalog';
import { type PreparedMail, prepareMail } from '@hatago/mail';
import { facilityNoticeMail } from '../reservations/facility-notice.ts';
import type { Reservation } from '../reservations/reservation.ts';
import { facilityCancellation } from './facility-cancellation.ts';
import { facilityNewReservation } from './facility-new-reservation.ts';
import { reservationCancellation } from './reservation-cancellation.ts';
import { reservationConfirmationMail } from './reservation-confirmation.ts';

/** What a new booking mails: the guest's confirmation and the front desk's notice (when the hotel has an address). */
export function stayBookedMails(reservation: Reservation, hotel: HotelContact | undefined): PreparedMail[] {
  const notice = facilityNoticeMail(facilityNewReservation, reservation, hotel);
  return [reservationConfirmationMail(reservation, `reservation-confirmation:${reservation.code}`), ...(notice ? [notice] : [])];
}

/** What a cancellation mails: the guest's notice with the fee, and the front desk's. */
export function stayCancelledMails(cancelled: Reservation, hotel: HotelContact | undefined): PreparedMail[] {
  const toGuest = prepareMail(reservationCancellation, {
    to: cancelled.guest.email,
    locale: cancelled.locale,
    category: 'reservation',
    idempotencyKey: `reservation-cancellation:${cancelled.code}`,
    reference: cancelled.code,
    params: { reservation: cancelled },
  });
  const toHotel = facilityNoticeMail(facilityCancellation, cancelled, hotel);
  return toHotel ? [toGuest, toHotel] : [toGuest];
}
