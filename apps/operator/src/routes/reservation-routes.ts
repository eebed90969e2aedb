import {
  type BookingContext,
  cancellationTerms,
  cancelReservationAsOperator,
  getReservationByCode,
  mayWaiveCancellationFee,
  listReservationNights,
  searchReservations,
} from '@hatago/booking';
import { listAudit } from '@hatago/audit';
import { CatalogChanges } from '@hatago/catalog';
import { listMailForReference } from '@hatago/mail';
import { DomainError } from '@hatago/platform/errors';
import type { HttpApp } from '@hatago/platform/http';
import { tokyoToday } from '@hatago/platform/time';
import { yen } from '@hatago/web-kit';
import { auditAction } from '../audit-trail.ts';
import { parseReservationSearch } from '../filters.ts';
import type { OperatorAppDeps } from '../deps.ts';
import { cancelPage, reservationPage, searchPage } from '../views/reservation-views.ts';

type CodeParams = { Params: { code: string } };

const HTML = 'text/html; charset=utf-8';
const CHECKED = new Set(['yes', 'on', 'true', '1']);

export function registerReservationRoutes(app: HttpApp, { database, cache }: OperatorAppDeps): void {
  const db = database.db;
  const booking: BookingContext = { db, changes: new CatalogChanges(cache) };

  app.get('/operator/reservations', async (request, reply) => {
    reply.type(HTML);
    const parsed = parseReservationSearch(request.query);
    if (parsed.errors) return reply.code(422).send(searchPage(request.staff, parsed.form, { errors: parsed.errors }));
    const { form, filter } = parsed;
    const found = await searchReservations(db, filter);
    await auditAction(db, request, 'reservation.search', { type: 'reservation', id: '' }, {
      criteria: Object.fromEntries(Object.entries(form).filter(([k, v]) => v !== '' && k !== 'page')),
      page: filter.page,
      found: found.total,
    });
    return searchPage(request.staff, form, { ...found, page: filter.page });
  });

  app.get<CodeParams & { Querystring: { notice?: unknown } }>('/operator/reservations/:code', async (request, reply) => {
    const reservation = await getReservationByCode(db, request.params.code);
    await auditAction(db, request, 'reservation.view', { type: 'reservation', id: reservation.code });
    const [nights, mails, audits] = await Promise.all([
      listReservationNights(db, reservation.code),
      listMailForReference(db, reservation.code),
      listAudit(db, { targetType: 'reservation', targetId: reservation.code, page: 1, pageSize: 100 }),
    ]);
    const notice =
      request.query.notice === 'cancelled' && reservation.status === 'cancelled'
        ? `Cancelled. Fee charged: ${yen(reservation.cancelFee ?? 0)}.`
        : request.query.notice === 'already-cancelled'
          ? 'It was already cancelled; nothing changed.'
          : undefined;
    reply.type(HTML);
    return reservationPage(request.staff, {
      reservation,
      nights,
      terms: cancellationTerms(reservation, tokyoToday()),
      mails,
      audits,
      ...(notice ? { notice } : {}),
    });
  });

  app.get<CodeParams>('/operator/reservations/:code/cancel', async (request, reply) => {
    const reservation = await getReservationByCode(db, request.params.code);
    await auditAction(db, request, 'reservation.view', { type: 'reservation', id: reservation.code }, { page: 'cancel' });
    reply.type(HTML);
    return cancelPage(request.staff, reservation, cancellationTerms(reservation, tokyoToday()), {
      form: { reason: '', waiveFee: false },
      mayWaive: mayWaiveCancellationFee(request.staff),
    });
  });

  app.post<CodeParams & { Body: { reason?: unknown; waiveFee?: unknown } }>('/operator/reservations/:code/cancel', async (request, reply) => {
    const body = request.body ?? {};
    const waiveFee = typeof body.waiveFee === 'string' && CHECKED.has(body.waiveFee);
    const reason = typeof body.reason === 'string' ? body.reason : '';
    const reservation = await getReservationByCode(db, request.params.code);
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
      return cancelPage(request.staff, reservation, cancellationTerms(reservation, tokyoToday()), {
        form: { reason, waiveFee },
        mayWaive: mayWaiveCancellationFee(request.staff),
        errors: error.fields,
      });
    }
  });
}
