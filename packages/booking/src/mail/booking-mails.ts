import type { Template } from '@hatago/mail';
import { facilityCancellation } from './facility-cancellation.ts';
import { facilityNewReservation } from './facility-new-reservation.ts';
import { reservationCancellation } from './reservation-cancellation.ts';
import { reservationConfirmation } from './reservation-confirmation.ts';
import { reservationModification } from './reservation-modification.ts';

/** Every mail booking sends, for the template registry of the processes that deliver them. */
export const bookingMails: readonly Template[] = [
  reservationConfirmation,
  reservationModification,
  reservationCancellation,
  facilityNewReservation,
  facilityCancellation,
];
