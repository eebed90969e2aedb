import type { FastifyReply, FastifyRequest } from 'fastify';
import {
  type BookingContext,
  cancellationTerms,
  cancelReservationAsOperator,
  getReservationByCode,
  mayWaiveCancellationFee,
  normaliseReservationCode,
  resendConfirmation,
  addReservationNote,
  listReservationNights,
  type Reservation,
  searchReservations,
} from '@hatago/booking';
import { listAudit } from '@hatago/audit';
import { CatalogChanges } from '@hatago/catalog';
import { DiningChanges, type DiningContext, getTableReservationByCode, searchTableReservations, tableFilterOf } from '@hatago/dining';
import { SandboxPaymentProvider } from '@hatago/payments';
import type { Executor } from '@hatago/db';
import type { StaffAccount } from '@hatago/identity';
import { listMailForReference } from '@hatago/mail';
import { DomainError, type FieldError } from '@hatago/platform/errors';
import type { HttpApp } from '@hatago/platform/http';
import { tokyoToday } from '@hatago/platform/time';
import { yen } from '@hatago/web-kit';
import { auditAction } from '../audit-trail.ts';
import { parseReservationSearch } from '../filters.ts';
import { needs } from '../route-capabilities.ts';
import type { OperatorAppDeps } from '../deps.ts';
import type { CancelForm } from '../views/cancel-form.ts';
import type { NoteForm } from '../views/reservation-note-form.ts';
import { cancelPage, reservationPage, searchPage } from '../views/reservation-views.ts';
import { cancelTable, isTableCode, showTableCancelForm, showTableReservation } from './table-reservation-routes.ts';
import { registerModifyReservationRoutes } from './modify-reservation-routes.ts';

type CodeParams = { Params: { code: string } };
type NoticeQuery = { Querystring: { notice?: unknown } };
type CancelBody = { Body: { reason?: unknown; waiveFee?: unknown } };
type NoteBody = { Body: { note?: unknown } };

const HTML = 'text/html; charset=utf-8';
const CHECKED = new Set(['yes', 'on', 'true', '1']);

/** One set of reservation pages for stays and tables: the code's prefix says which module answers. */
export function registerReservationRoutes(app: HttpApp, { database, cache, payments }: OperatorAppDeps): void {
  const db = database.db;
  // one provider settles what a cancellation on the guest's behalf owes, on a stay or a table
  const provider = payments ?? new SandboxPaymentProvider();
  const booking: BookingContext = { db, changes: new CatalogChanges(cache), payments: provider };
  const dining: DiningContext = { db, changes: new DiningChanges(cache), payments: provider };
  app.get('/operator/reservations', needs('reservations.read'), (request, reply) => search(db, request, reply));
  app.get<CodeParams & NoticeQuery>('/operator/reservations/:code', needs('reservations.read'), (request, reply) =>
    isTableCode(request.params.code) ? showTableReservation(dining, request, reply) : showReservation(db, request, reply),
  );
  app.get<CodeParams>('/operator/reservations/:code/cancel', needs('reservations.cancel'), (request, reply) =>
    isTableCode(request.params.code) ? showTableCancelForm(dining, request, reply) : showCancelForm(db, request, reply),
  );
  app.post<CodeParams & CancelBody>('/operator/reservations/:code/cancel', needs('reservations.cancel'), (request, reply) =>
    isTableCode(request.params.code) ? cancelTable(dining, request, reply) : cancel(booking, request, reply),
  );
  registerModifyReservationRoutes(app, booking);
  app.post<CodeParams & NoteBody & NoticeQuery>('/operator/reservations/:code/notes', needs('reservations.note'), (request, reply) => addNote(dining, request, reply));
  // stays only: a table code is no stay's, so it answers 404 like any unknown code
  app.post<CodeParams>('/operator/reservations/:code/resend-confirmation', needs('reservations.resend'), async (request, reply) => {
    const outcome = await resendConfirmation(db, request.params.code, { operator: request.staff, requestId: request.id });
    const code = normaliseReservationCode(request.params.code) ?? request.params.code;
    return reply.redirect(`/operator/reservations/${encodeURIComponent(code)}?notice=${outcome.resent ? 'resent' : 'resent-already'}`, 303);
  });
}

async function search(db: Executor, request: FastifyRequest, reply: FastifyReply) {
  reply.type(HTML);
  const parsed = parseReservationSearch(request.query);
  if (parsed.errors) return reply.code(422).send(searchPage(request.staff, parsed.form, { errors: parsed.errors }));
  const { form, filter } = parsed;
  // a front desk status (checked in, out, no-show) is a stay's alone: no table matches it
  const tableFilter = tableFilterOf(filter);
  const [found, tables] = await Promise.all([searchReservations(db, filter), tableFilter ? searchTableReservations(db, tableFilter) : { items: [], total: 0 }]);
  await auditAction(db, request, 'reservation.search', { type: 'reservation', id: '' }, {
    criteria: Object.fromEntries(Object.entries(form).filter(([k, v]) => v !== '' && k !== 'page')),
    page: filter.page,
    found: found.total,
    foundTables: tables.total,
  });
  return searchPage(request.staff, form, { ...found, page: filter.page, tables });
}

/** The line a redirect after cancelling asks the reservation page to show. */
function noticeOf(notice: unknown, reservation: Reservation): string | undefined {
  if (notice === 'cancelled' && reservation.status === 'cancelled') return `Cancelled. Fee charged: ${yen(reservation.cancelFee ?? 0)}.`;
  if (notice === 'already-cancelled') return 'It was already cancelled; nothing changed.';
  if (notice === 'noted') return 'Note added.';
  if (notice === 'modified') return `Changed. The guest is mailed what changed at ${reservation.guest.email}.`;
  if (notice === 'modified-already') return 'The reservation already was as asked: nothing changed.';
  if (notice === 'resent') return `The booking confirmation is queued again to ${reservation.guest.email}.`;
  if (notice === 'resent-already') return 'The confirmation was resent less than a minute ago; it was not sent again.';
  return undefined;
}

async function showReservation(db: Executor, request: FastifyRequest<CodeParams & NoticeQuery>, reply: FastifyReply, noteForm?: NoteForm) {
  const reservation = await getReservationByCode(db, request.params.code);
  await auditAction(db, request, 'reservation.view', { type: 'reservation', id: reservation.code });
  const [nights, mails, audits] = await Promise.all([
    listReservationNights(db, reservation.code),
    listMailForReference(db, reservation.code),
    listAudit(db, { targetType: 'reservation', targetId: reservation.code, page: 1, pageSize: 100 }),
  ]);
  const notice = noticeOf(request.query.notice, reservation);
  reply.type(HTML);
  return reservationPage(request.staff, {
    reservation,
    nights,
    terms: cancellationTerms(reservation, tokyoToday()),
    mails,
    audits,
    ...(notice ? { notice } : {}),
    ...(noteForm ? { noteForm } : {}),
  });
}

/** A note on a stay or a table; a refused one comes back on the reservation's page with its text. */
async function addNote(dining: DiningContext, request: FastifyRequest<CodeParams & NoteBody & NoticeQuery>, reply: FastifyReply) {
  const { code } = isTableCode(request.params.code) ? await getTableReservationByCode(dining.db, request.params.code) : await getReservationByCode(dining.db, request.params.code);
  const note = typeof request.body?.note === 'string' ? request.body.note : '';
  try {
    await addReservationNote(dining.db, code, { operator: request.staff, note, requestId: request.id });
    return reply.redirect(`/operator/reservations/${encodeURIComponent(code)}?notice=noted`, 303);
  } catch (error) {
    if (!(error instanceof DomainError) || error.kind !== 'invalid') throw error;
    reply.code(422);
    const form = { note, errors: error.fields };
    return isTableCode(code) ? showTableReservation(dining, request, reply, form) : showReservation(dining.db, request, reply, form);
  }
}

/** The cancel form with today's terms; only those who may waive the fee see the box for it. */
const cancelFormPage = (staff: StaffAccount, reservation: Reservation, form: CancelForm, errors?: FieldError[]) =>
  cancelPage(staff, reservation, cancellationTerms(reservation, tokyoToday()), { form, mayWaive: mayWaiveCancellationFee(staff), errors });

async function showCancelForm(db: Executor, request: FastifyRequest<CodeParams>, reply: FastifyReply) {
  const reservation = await getReservationByCode(db, request.params.code);
  await auditAction(db, request, 'reservation.view', { type: 'reservation', id: reservation.code }, { page: 'cancel' });
  reply.type(HTML);
  return cancelFormPage(request.staff, reservation, { reason: '', waiveFee: false });
}

async function cancel(booking: BookingContext, request: FastifyRequest<CodeParams & CancelBody>, reply: FastifyReply) {
  const body = request.body ?? {};
  const waiveFee = typeof body.waiveFee === 'string' && CHECKED.has(body.waiveFee);
  const reason = typeof body.reason === 'string' ? body.reason : '';
  const reservation = await getReservationByCode(booking.db, request.params.code);
  try {
    const outcome = await cancelReservationAsOperator(booking, reservation.code, {
      operator: request.staff,
      reason,
      waiveFee,
      requestId: request.id,
    });
    const notice = outcome.alreadyCancelled ? 'already-cancelled' : 'cancelled';
    return reply.redirect(`/operator/reservations/${encodeURIComponent(reservation.code)}?notice=${notice}`, 303);
  } catch (error) {
    if (!(error instanceof DomainError) || error.kind !== 'invalid') throw error;
    reply.type(HTML).code(422);
    return cancelFormPage(request.staff, reservation, { reason, waiveFee }, error.fields);
  }
}
