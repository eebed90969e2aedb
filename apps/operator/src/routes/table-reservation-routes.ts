import type { FastifyReply, FastifyRequest } from 'fastify';
import { listAudit } from '@hatago/audit';
import { mayWaiveCancellationFee, normaliseReservationCode } from '@hatago/booking';
import { cancelTableAsOperator, type DiningContext, getTableReservationByCode, type TableReservation, tableCancellationTerms } from '@hatago/dining';
import type { StaffAccount } from '@hatago/identity';
import { listMailForReference } from '@hatago/mail';
import { DomainError, type FieldError } from '@hatago/platform/errors';
import { yen } from '@hatago/web-kit';
import { auditAction } from '../audit-trail.ts';
import type { CancelForm } from '../views/cancel-form.ts';
import type { NoteForm } from '../views/reservation-note-form.ts';
import { tableCancelPage, tableReservationPage } from '../views/table-reservation-views.ts';

type CodeParams = { Params: { code: string } };
type CancelBody = { Body: { reason?: unknown; waiveFee?: unknown } };

const HTML = 'text/html; charset=utf-8';
const CHECKED = new Set(['yes', 'on', 'true', '1']);

/** Restaurant codes start RS: the reservation pages send them here, and HT codes to booking. */
export const isTableCode = (code: string) => normaliseReservationCode(code, 'table') !== undefined;

function noticeOf(notice: unknown, reservation: TableReservation): string | undefined {
  if (notice === 'cancelled' && reservation.status === 'cancelled') return `Cancelled. Fee charged: ${yen(reservation.cancelFee ?? 0)}.`;
  if (notice === 'noted') return 'Note added.';
  if (notice === 'already-cancelled') return `It was already ${reservation.status}; nothing changed.`;
  return undefined;
}

export async function showTableReservation(
  dining: DiningContext,
  request: FastifyRequest<CodeParams & { Querystring: { notice?: unknown } }>,
  reply: FastifyReply,
  noteForm?: NoteForm,
) {
  const reservation = await getTableReservationByCode(dining.db, request.params.code);
  await auditAction(dining.db, request, 'reservation.view', { type: 'reservation', id: reservation.code });
  // operators audit a table as a reservation, the restaurant's answer to a request as a table_reservation
  const [mails, byOperators, byRestaurant] = await Promise.all([
    listMailForReference(dining.db, reservation.code),
    listAudit(dining.db, { targetType: 'reservation', targetId: reservation.code, page: 1, pageSize: 100 }),
    listAudit(dining.db, { targetType: 'table_reservation', targetId: reservation.code, page: 1, pageSize: 100 }),
  ]);
  const audits = [...byOperators, ...byRestaurant].sort((a, b) => b.id - a.id);
  const notice = noticeOf(request.query.notice, reservation);
  reply.type(HTML);
  return tableReservationPage(request.staff, { reservation, terms: tableCancellationTerms(reservation, new Date()), mails, audits, ...(notice ? { notice } : {}), ...(noteForm ? { noteForm } : {}) });
}

/** The cancel form with the fee as of now; only those who may waive the fee see the box for it. */
const cancelFormPage = (staff: StaffAccount, reservation: TableReservation, form: CancelForm, errors?: FieldError[]) =>
  tableCancelPage(staff, reservation, tableCancellationTerms(reservation, new Date()), { form, mayWaive: mayWaiveCancellationFee(staff), errors });

export async function showTableCancelForm(dining: DiningContext, request: FastifyRequest<CodeParams>, reply: FastifyReply) {
  const reservation = await getTableReservationByCode(dining.db, request.params.code);
  await auditAction(dining.db, request, 'reservation.view', { type: 'reservation', id: reservation.code }, { page: 'cancel' });
  reply.type(HTML);
  return cancelFormPage(request.staff, reservation, { reason: '', waiveFee: false });
}

export async function cancelTable(dining: DiningContext, request: FastifyRequest<CodeParams & CancelBody>, reply: FastifyReply) {
  const body = request.body ?? {};
  const waiveFee = typeof body.waiveFee === 'string' && CHECKED.has(body.waiveFee);
  const reason = typeof body.reason === 'string' ? body.reason : '';
  const reservation = await getTableReservationByCode(dining.db, request.params.code);
  try {
    const outcome = await cancelTableAsOperator(dining, reservation.code, { operator: request.staff, reason, waiveFee, requestId: request.id });
    const notice = outcome.alreadyCancelled ? 'already-cancelled' : 'cancelled';
    return reply.redirect(`/operator/reservations/${encodeURIComponent(reservation.code)}?notice=${notice}`, 303);
  } catch (error) {
    if (!(error instanceof DomainError) || error.kind !== 'invalid') throw error;
    reply.type(HTML).code(422);
    return cancelFormPage(request.staff, reservation, { reason, waiveFee }, error.fields);
  }
}
