import type { Template } from '@hatago/mail';
import { restaurantNewRequest } from './restaurant-new-request.ts';
import { tableReservationCancellation } from './table-reservation-cancellation.ts';
import { tableReservationConfirmation } from './table-reservation-confirmation.ts';
import { tableReservationDeclined } from './table-reservation-declined.ts';
import { tableReservationRequest } from './table-reservation-request.ts';

/** Every mail dining sends, for the template registry of the processes that deliver them. */
export const diningMails: readonly Template[] = [tableReservationConfirmation, tableReservationRequest, tableReservationCancellation, tableReservationDeclined, restaurantNewRequest];
