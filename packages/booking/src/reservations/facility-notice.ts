import { getHotelContact } from '@hatago/catalog';
import type { Executor } from '@hatago/db';
import { enqueueMail } from '@hatago/mail';
import type { facilityCancellation } from '../mail/facility-cancellation.ts';
import type { facilityNewReservation } from '../mail/facility-new-reservation.ts';
import type { Reservation } from './reservation.ts';

/**
 * Tells the hotel's front desk about a booking or cancellation, in the transaction that
 * makes it, so the hotel hears of exactly the reservations that exist. Front desks read
 * Japanese; a hotel without a contact address gets no mail.
 */
export async function enqueueFacilityNotice(
  trx: Executor,
  template: typeof facilityNewReservation | typeof facilityCancellation,
  reservation: Reservation,
): Promise<void> {
  const contact = await getHotelContact(trx, reservation.hotelId);
  if (!contact?.email) return;
  await enqueueMail(trx, template, {
    to: contact.email,
    locale: 'ja',
    category: 'facility',
    idempotencyKey: `${template.name}:${reservation.code}`,
    reference: reservation.code,
    params: { reservation, hotelName: contact.name.ja },
  });
}
