import type { HotelContact } from '@hatago/catalog';
import { type PreparedMail, prepareMail } from '@hatago/mail';
import type { facilityCancellation } from '../mail/facility-cancellation.ts';
import type { facilityNewReservation } from '../mail/facility-new-reservation.ts';
import type { Reservation } from './reservation.ts';

type FacilityTemplate = typeof facilityNewReservation | typeof facilityCancellation;

/**
 * The front desk's notice of a booking or cancellation, to be queued in the transaction that
 * makes it, so the hotel hears of exactly the reservations that exist. Front desks read
 * Japanese; a hotel without a contact address gets no mail.
 */
export function facilityNoticeMail(template: FacilityTemplate, reservation: Reservation, contact: HotelContact | undefined): PreparedMail | undefined {
  if (!contact?.email) return undefined;
  return prepareMail(template, {
    to: contact.email,
    locale: 'ja',
    category: 'facility',
    idempotencyKey: `${template.name}:${reservation.code}`,
    reference: reservation.code,
    params: { reservation, hotelName: contact.name.ja },
  });
}
