import { type Executor, tablesOf } from '@hatago/db';
import { enqueueMails } from '@hatago/mail';
import type { DiningTables } from '../dining-tables.ts';
import { restaurantRequestNoticeMail } from '../mail/table-mails.ts';
import type { TableReservation } from '../reservations/table-reservation.ts';

/**
 * Tells the restaurant's reservations address that a request waits for its answer, in the
 * transaction that makes the request: the restaurant hears of exactly the requests that
 * exist. Restaurant staff read Japanese, as hotels' front desks do.
 */
export async function enqueueRestaurantRequestNotice(trx: Executor, reservation: TableReservation): Promise<void> {
  const { contact_email: to } = await tablesOf<DiningTables>(trx)
    .selectFrom('restaurants')
    .select('contact_email')
    .where('id', '=', reservation.restaurantId)
    .executeTakeFirstOrThrow();
  await enqueueMails(trx, [restaurantRequestNoticeMail(reservation, to)]);
}
