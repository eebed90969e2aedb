import type { FastifyReply, FastifyRequest } from 'fastify';
import {
  type BookingContext,
  checkIn,
  checkOut,
  getReservationByCode,
  markNoShow,
  modifyReservation,
  noShowFeeOf,
  previewModification,
  type Reservation,
  searchReservations,
  type StaffAction,
} from '@hatago/booking';
import { listPlans } from '@hatago/catalog';
import { DomainError, type FieldError } from '@hatago/platform/errors';
import type { HttpApp } from '@hatago/platform/http';
import { tokyoToday } from '@hatago/platform/time';
import type { FacilityAppDeps } from '../deps.ts';
import { readStayChangeForm, type StayChangeForm, stayChangeFormOf } from '@hatago/web-kit';
import { frontDeskPanel, modificationPreviewPage, noShowPage } from '../views/front-desk-views.ts';
import { reservationListPage, reservationPage } from '../views/reservation-views.ts';
import { formOf, hotelOf, sendPage } from './console-kit.ts';
import { parseStayFilter } from './reservation-filter.ts';

type CodeParams = { Params: { code: string } };

/** The lines a redirect after a step asks the reservation page to show; only these names travel in the URL. */
const NOTICES: Record<string, string> = {
  modified: 'Changed. The guest is mailed what changed.',
  'modified-already': 'The reservation already was as asked: nothing changed.',
  'checked-in': 'Checked in.',
  'checked-out': 'Checked out.',
  'no-show': 'Marked as a no-show; the fee is charged and the remaining nights are back on sale.',
};

const STEPS = { 'check-in': { run: checkIn, notice: 'checked-in' }, 'check-out': { run: checkOut, notice: 'checked-out' } } as const;

interface StayPages {
  db: FacilityAppDeps['database']['db'];
  today: () => string;
}

const find = ({ db }: StayPages, request: FastifyRequest<CodeParams>) => getReservationByCode(db, request.params.code, { hotelId: hotelOf(request) });

/** The stay's page with its front desk forms; `form` and `errors` keep a refused change as staff typed it. */
async function showReservation(
  pages: StayPages,
  request: FastifyRequest<CodeParams>,
  reply: FastifyReply,
  options: { status?: number; notice?: string; alert?: string; form?: StayChangeForm | undefined; errors?: FieldError[] } = {},
) {
  const reservation = await find(pages, request);
  const plans = await listPlans(pages.db, reservation.hotelId);
  const panel = frontDeskPanel(reservation, { today: pages.today(), plans, form: options.form ?? stayChangeFormOf(reservation), errors: options.errors ?? [] });
  const { notice, alert } = options;
  return sendPage(reply, reservationPage(request.staff, reservation, { panel, ...(notice ? { notice } : {}), ...(alert ? { alert } : {}) }), options.status);
}

/**
 * A refused front desk step comes back on the stay's page: bad input with its field errors
 * (422), a step the stay's status or date does not allow, or a change that no longer fits
 * (sold out, priced anew, changed by somebody else), with the reason (409). Anything else, a
 * missing stay included, is left to the error page.
 */
function refused(pages: StayPages, error: unknown, request: FastifyRequest<CodeParams>, reply: FastifyReply, form?: StayChangeForm) {
  if (!(error instanceof DomainError) || (error.kind !== 'invalid' && error.kind !== 'conflict')) throw error;
  return showReservation(pages, request, reply, error.kind === 'invalid' ? { status: 422, errors: error.fields, form } : { status: 409, alert: error.message, form });
}

const backTo = (reservation: Reservation, notice: string, back?: unknown) =>
  back === 'dashboard' ? '/facility/' : `/facility/reservations/${reservation.code}?notice=${notice}`;

export function registerReservationRoutes(app: HttpApp, deps: FacilityAppDeps): void {
  const pages: StayPages = { db: deps.database.db, today: deps.today ?? (() => tokyoToday()) };
  const { db } = pages;

  app.get('/facility/reservations', async (request, reply) => {
    const parsed = parseStayFilter(request.query, hotelOf(request));
    if (parsed.errors) return sendPage(reply, reservationListPage(request.staff, parsed.form, null, parsed.errors), 422);
    return sendPage(reply, reservationListPage(request.staff, parsed.form, await searchReservations(db, parsed.filter)));
  });

  // Another hotel's code is simply not found.
  app.get<CodeParams & { Querystring: { notice?: unknown } }>('/facility/reservations/:code', (request, reply) => {
    const notice = typeof request.query.notice === 'string' ? NOTICES[request.query.notice] : undefined;
    return showReservation(pages, request, reply, notice ? { notice } : {});
  });

  registerFrontDeskSteps(app, pages);
}

/** Modify (preview, then confirm), check in, check out, no-show (shown, then confirmed): each redirects after it. */
function registerFrontDeskSteps(app: HttpApp, pages: StayPages): void {
  // the one provider the console settles tables with settles a stay's guarantee at check-out and no-show
  const bookingOf = (request: FastifyRequest): BookingContext => ({ db: pages.db, changes: request.server.catalogChanges, payments: request.server.dining.payments });
  const actionOf = (request: FastifyRequest): StaffAction => ({ staff: request.staff, requestId: String(request.id), today: pages.today() });

  app.post<CodeParams>('/facility/reservations/:code/modify/preview', async (request, reply) => {
    const form = readStayChangeForm(request.body);
    try {
      return sendPage(reply, modificationPreviewPage(request.staff, await previewModification(pages.db, request.params.code, form, actionOf(request)), form));
    } catch (error) {
      return refused(pages, error, request, reply, form);
    }
  });

  app.post<CodeParams>('/facility/reservations/:code/modify', async (request, reply) => {
    const form = readStayChangeForm(request.body);
    try {
      const change = { ...form, expectedTotal: formOf(request).expectedTotal };
      const outcome = await modifyReservation(bookingOf(request), request.params.code, change, actionOf(request));
      return reply.redirect(backTo(outcome.reservation, outcome.changed ? 'modified' : 'modified-already'), 303);
    } catch (error) {
      return refused(pages, error, request, reply, form);
    }
  });

  for (const [step, { run, notice }] of Object.entries(STEPS)) {
    app.post<CodeParams>(`/facility/reservations/:code/${step}`, async (request, reply) => {
      try {
        const { reservation } = await run(bookingOf(request), request.params.code, actionOf(request));
        return reply.redirect(backTo(reservation, notice, formOf(request).back), 303);
      } catch (error) {
        return refused(pages, error, request, reply);
      }
    });
  }

  // Two steps: the fee is shown before anything is charged.
  app.get<CodeParams>('/facility/reservations/:code/no-show', async (request, reply) => {
    const reservation = await find(pages, request);
    if (reservation.status !== 'confirmed') return reply.redirect(`/facility/reservations/${reservation.code}`, 303);
    return sendPage(reply, noShowPage(request.staff, reservation, noShowFeeOf(reservation)));
  });

  app.post<CodeParams>('/facility/reservations/:code/no-show', async (request, reply) => {
    try {
      const { reservation } = await markNoShow(bookingOf(request), request.params.code, actionOf(request));
      return reply.redirect(backTo(reservation, 'no-show'), 303);
    } catch (error) {
      return refused(pages, error, request, reply);
    }
  });
}
