import type { FastifyReply, FastifyRequest } from 'fastify';
import { type BookingContext, getReservationByCode, modifyReservation, previewModification, type Reservation, type StaffAction } from '@hatago/booking';
import { listPlans } from '@hatago/catalog';
import { DomainError } from '@hatago/platform/errors';
import type { HttpApp } from '@hatago/platform/http';
import { readStayChangeForm, type StayChangeForm, stayChangeFormOf } from '@hatago/web-kit';
import { auditAction } from '../audit-trail.ts';
import { needs } from '../route-capabilities.ts';
import { modifyPage, modifyPreviewPage } from '../views/modify-views.ts';

type CodeParams = { Params: { code: string } };

const HTML = 'text/html; charset=utf-8';

/**
 * Support changes a stay's dates, plan, guests or rooms when the guest asks, through the
 * same domain change as the hotel's front desk (form, preview of the new total, confirm).
 * Stays only: a table's code is no stay's and answers 404.
 */
export function registerModifyReservationRoutes(app: HttpApp, booking: BookingContext): void {
  const { db } = booking;
  const actionOf = (request: FastifyRequest): StaffAction => ({ staff: request.staff, requestId: request.id });

  async function formPage(request: FastifyRequest<CodeParams>, reply: FastifyReply, view: { form?: StayChangeForm; error?: DomainError; reservation?: Reservation } = {}) {
    const reservation = view.reservation ?? (await getReservationByCode(db, request.params.code));
    const plans = await listPlans(db, reservation.hotelId);
    const { error } = view;
    reply.type(HTML).code(error ? (error.kind === 'invalid' ? 422 : 409) : 200);
    return modifyPage(request.staff, reservation, {
      form: view.form ?? stayChangeFormOf(reservation),
      plans,
      ...(error?.kind === 'invalid' ? { errors: error.fields } : error ? { alert: error.message } : {}),
    });
  }

  /** Bad input comes back in the form (422); a change that no longer fits, with its reason (409). */
  const refused = (error: unknown, request: FastifyRequest<CodeParams>, reply: FastifyReply, form: StayChangeForm) => {
    if (!(error instanceof DomainError) || (error.kind !== 'invalid' && error.kind !== 'conflict')) throw error;
    return formPage(request, reply, { form, error });
  };

  app.get<CodeParams>('/operator/reservations/:code/modify', needs('reservations.modify'), async (request, reply) => {
    const reservation = await getReservationByCode(db, request.params.code);
    await auditAction(db, request, 'reservation.view', { type: 'reservation', id: reservation.code }, { page: 'modify' });
    return formPage(request, reply, { reservation });
  });

  app.post<CodeParams>('/operator/reservations/:code/modify/preview', needs('reservations.modify'), async (request, reply) => {
    const form = readStayChangeForm(request.body);
    try {
      const preview = await previewModification(db, request.params.code, form, actionOf(request));
      reply.type(HTML);
      return modifyPreviewPage(request.staff, preview, form);
    } catch (error) {
      return refused(error, request, reply, form);
    }
  });

  app.post<CodeParams>('/operator/reservations/:code/modify', needs('reservations.modify'), async (request, reply) => {
    const form = readStayChangeForm(request.body);
    const expectedTotal = (request.body as { expectedTotal?: unknown } | undefined)?.expectedTotal;
    try {
      const outcome = await modifyReservation(booking, request.params.code, { ...form, expectedTotal }, actionOf(request));
      return reply.redirect(`/operator/reservations/${encodeURIComponent(outcome.reservation.code)}?notice=${outcome.changed ? 'modified' : 'modified-already'}`, 303);
    } catch (error) {
      return refused(error, request, reply, form);
    }
  });
}
