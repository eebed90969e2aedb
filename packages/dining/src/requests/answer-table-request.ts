import { normaliseReservationCode } from '@hatago/booking';
import { tablesOf } from '@hatago/db';
import { enqueueMails } from '@hatago/mail';
import { conflict, notFound } from '@hatago/platform/errors';
import { releaseSeats } from '../capacity/seating-stock.ts';
import { DiningErrors } from '../dining-errors.ts';
import type { DiningTables } from '../dining-tables.ts';
import { tableAnswerMail } from '../mail/table-mails.ts';
import { auditRestaurantChange, commitRestaurantChange, type RestaurantManagementContext } from '../management/restaurant-management-context.ts';
import { settleGuarantee } from '../reservations/table-guarantee.ts';
import { type TableReservation, toTableReservation } from '../reservations/table-reservation.ts';

export type RequestAnswer = 'accept' | 'decline';

/**
 * The restaurant's answer to a request booking, in one transaction with the guest's mail
 * (in the language they booked in) and the audit entry. Accepting confirms the seats the
 * request already held; declining gives them back. The row is locked first, so a guest's
 * cancel and the restaurant's answer cannot both act on it; a request already answered or
 * withdrawn is refused with NOT_A_REQUEST and nothing changes.
 */
export async function answerTableRequest(context: RestaurantManagementContext, codeInput: unknown, answer: RequestAnswer): Promise<TableReservation> {
  const reservation = await commitAnswer(context, codeInput, answer);
  // after the commit, as a cancellation does: a declined request costs nothing, so its card hold goes
  return answer === 'decline' ? settleGuarantee(context, reservation) : reservation;
}

function commitAnswer(context: RestaurantManagementContext, codeInput: unknown, answer: RequestAnswer): Promise<TableReservation> {
  const code = normaliseReservationCode(codeInput, 'table');
  const missing = () => notFound(DiningErrors.TABLE_RESERVATION_NOT_FOUND, 'No such reservation at this restaurant');
  if (!code) throw missing();
  return commitRestaurantChange(context, 'booking', async (trx) => {
    const t = tablesOf<DiningTables>(trx);
    const row = await t.selectFrom('table_reservations').selectAll().where('code', '=', code).where('restaurant_id', '=', context.restaurantId).forUpdate().executeTakeFirst();
    if (!row) throw missing();
    if (row.status !== 'requested') throw conflict(DiningErrors.NOT_A_REQUEST, `This reservation is ${row.status}, not a request waiting for an answer`);
    if (answer === 'decline') await releaseSeats(trx, { seatingId: row.seating_id, date: row.service_date }, row.table_seats, row.party);
    const updated = await t
      .updateTable('table_reservations')
      .set({ status: answer === 'accept' ? 'confirmed' : 'declined' })
      .where('id', '=', row.id)
      .returningAll()
      .executeTakeFirstOrThrow();
    const reservation = toTableReservation(updated);
    await enqueueMails(trx, [tableAnswerMail(reservation, answer)]);
    await auditRestaurantChange(trx, context, `table_reservation.${answer}`, { type: 'table_reservation', id: reservation.code }, { party: reservation.party, date: reservation.date, time: reservation.time });
    return reservation;
  });
}
