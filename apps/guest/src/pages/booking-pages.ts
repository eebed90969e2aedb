import type { FastifyReply, FastifyRequest } from 'fastify';
import { BookingErrors, bookStay, type BookingRequest, parseBookingRequest } from '@hatago/booking';
import { CatalogErrors, quoteStay } from '@hatago/catalog';
import type { Database } from '@hatago/db';
import { DomainError, type FieldError } from '@hatago/platform/errors';
import type { HttpApp } from '@hatago/platform/http';
import { parseId } from '@hatago/platform/input';
import { claimBookingAttempt } from '../booking-attempts.ts';
import type { GuestServices } from '../deps.ts';
import { reservationKindOf } from '../reservation-kinds.ts';
import { venueOf } from '../reservation-venues.ts';
import { GuestErrors } from '../guest-errors.ts';
import { type Lang, langOf, localise, t } from './i18n.ts';
import { currentMember } from './member-session.ts';
import { savedGuestChoiceOf } from './saved-guest-choice.ts';
import { link, localiseErrors, notFoundPage, paramsOf, sendPage } from './page-kit.ts';
import { bannerSlot, bannersForPage } from './banner-slots.ts';
import { bookingUnavailablePage, confirmationPage, confirmPage, detailsPage, type LoadedPlan, soldOutPage } from './booking-views.ts';
import { readStay } from './stay-form.ts';
import { CARD_FORM_FIELD, withCardToken } from './card-guarantee-form.ts';
import { calendarPathBeside, sendCalendar } from './reservation-calendar.ts';

/**
 * Proves to the confirmation page that this browser just made the booking, so the page
 * can show it without the email in a URL. Signed, short-lived, and scoped to that one
 * page and what lies under it (its calendar file): it never rides along to cacheable
 * pages (the look-up form), and a second booking gets a cookie of its own instead of
 * replacing the first one's.
 */
const BOOKED_COOKIE = { name: 'hatago_booked', maxAge: 30 * 60 } as const;
const confirmationPath = (code: string) => `/reservations/${code}/confirmation`;

type CodeParams = { Params: { code: string } };

/** After any booking, stay or table: the confirmation page, which only this browser may see for a while. */
export function showJustBooked(request: FastifyRequest, reply: FastifyReply, code: string, lang: Lang) {
  reply.setCookie(BOOKED_COOKIE.name, code, {
    path: confirmationPath(code),
    maxAge: BOOKED_COOKIE.maxAge,
    httpOnly: true,
    sameSite: 'lax',
    secure: request.protocol === 'https',
    signed: true,
  });
  reply.header('cache-control', 'private, no-store');
  return reply.redirect(link(confirmationPath(code), {}, lang), 303);
}

export function registerBookingPages(app: HttpApp, services: GuestServices): void {
  app.get('/book', (request, reply) => showDetailsForm(services, request, reply));
  app.post('/book/confirm', (request, reply) => showConfirmation(services, request, reply));
  app.post('/book', (request, reply) => book(services, request, reply));
  app.get<CodeParams>('/reservations/:code/confirmation', (request, reply) => showBooked(services, request, reply));
  app.get<CodeParams>(calendarPathBeside('/reservations/:code/confirmation'), (request, reply) => calendarOfBooked(services, request, reply));
}

const bookingRequestOf = (values: Record<string, string>): BookingRequest => ({
  planId: values.planId,
  checkin: values.checkin,
  nights: values.nights,
  // the party the guest searched for, until the form asked adults and children
  adults: values.adults ?? values.guests,
  children: values.children,
  rooms: values.rooms,
  arrivalTime: values.arrivalTime,
  requests: values.requests,
  acceptTerms: values.acceptTerms === 'yes',
  guaranteeToken: values.guaranteeToken,
  guest: { name: values.name, nameLatin: values.nameLatin, email: values.email, phone: values.phone },
});

const formErrors = (lang: Lang, errors: FieldError[]): FieldError[] =>
  localiseErrors(lang, errors).map((e) => ({ ...e, field: CARD_FORM_FIELD[e.field] ?? e.field }));

/**
 * The details the guest gave, checked, with the stay priced for the party they named
 * (children fill the room too) and the typed card swapped for its token when the plan
 * takes a guarantee; or their field errors.
 */
async function checkDetails(services: GuestServices, plan: LoadedPlan, values: Record<string, string>, lang: Lang): Promise<{ plan: LoadedPlan; carried: Record<string, string> } | FieldError[]> {
  try {
    const { stay } = parseBookingRequest(bookingRequestOf(values), { requireLatinName: true });
    const priced = { ...plan, stay, quote: await quoteStay(services.database.db, plan.planId, stay) };
    return { plan: priced, carried: withCardToken(services.payments, priced.quote.guaranteeRequired, values) };
  } catch (error) {
    if (!(error instanceof DomainError) || error.kind !== 'invalid') throw error;
    return formErrors(lang, error.fields);
  }
}

/** The plan and stay a booking form carries, priced; or the page that explains why not. */
async function loadPlan(database: Database, reply: FastifyReply, values: Record<string, string>, lang: Lang): Promise<LoadedPlan | string> {
  const text = t(lang);
  const planId = parseId(values.planId);
  const { stay, errors } = readStay(values, lang);
  if (planId === undefined) return notFoundPage(reply, lang, text.bookingUnavailable, 'private');
  const unavailable = (status: number, messages: string[]) => sendPage(reply, bookingUnavailablePage(lang, status, messages));
  if (!stay) return unavailable(422, errors.map((e) => e.message));
  try {
    return { planId, stay, quote: await quoteStay(database.db, planId, stay) };
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    if (error.kind === 'not_found') return notFoundPage(reply, lang, text.bookingUnavailable, 'private');
    if (error.kind === 'invalid') return unavailable(422, localiseErrors(lang, error.fields).map((e) => e.message));
    return unavailable(409, [localise(lang, error.message)]);
  }
}

async function showDetailsForm({ database }: GuestServices, request: FastifyRequest, reply: FastifyReply) {
  const values = paramsOf(request.query);
  const lang = langOf(values.lang);
  const plan = await loadPlan(database, reply, values, lang);
  if (typeof plan === 'string') return plan;
  const member = await currentMember(database, request);
  return sendPage(reply, detailsPage({ lang, plan, values: {}, member, saved: await savedGuestChoiceOf(database, member, values.savedGuest) }));
}

async function showConfirmation(services: GuestServices, request: FastifyRequest, reply: FastifyReply) {
  const { database } = services;
  const values = paramsOf(request.body);
  const lang = langOf(values.lang);
  const plan = await loadPlan(database, reply, values, lang);
  if (typeof plan === 'string') return plan;
  const member = await currentMember(database, request);
  if (values.edit === 'yes') return sendPage(reply, detailsPage({ lang, plan, values, member }));
  const checked = await checkDetails(services, plan, values, lang);
  if (Array.isArray(checked)) return sendPage(reply, detailsPage({ lang, plan, values, member, errors: checked }));
  return sendPage(reply, confirmPage({ lang, plan: checked.plan, values: checked.carried, member }));
}

async function book(services: GuestServices, request: FastifyRequest, reply: FastifyReply) {
  const { database, booking } = services;
  const values = paramsOf(request.body);
  const lang = langOf(values.lang);
  const text = t(lang);
  const member = await currentMember(database, request);
  try {
    await claimBookingAttempt(services, request.ip);
    const { reservation, replayed } = await bookStay(booking, bookingRequestOf(values), {
      idempotencyKey: values.idempotencyKey ?? '',
      memberId: member?.id,
      // a member's mails are written in the language they chose for them
      locale: member?.preferredLang ?? lang,
      requireLatinName: true,
      // a form without the field (not ours) books at the current price; a garbled one never matches
      expectedTotal: values.expectedTotal === undefined ? undefined : Number(values.expectedTotal),
    });
    request.log.info({ code: reservation.code, replayed }, 'reservation booked from the guest site');
    return showJustBooked(request, reply, reservation.code, lang);
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    const plan = await loadPlan(database, reply, values, lang);
    if (typeof plan === 'string') return plan;
    if (error.kind === 'invalid') return sendPage(reply, detailsPage({ lang, plan, values, member, errors: formErrors(lang, error.fields) }));
    if (error.code === BookingErrors.PRICE_CHANGED) return sendPage(reply, confirmPage({ lang, plan, values, member, alert: text.priceChanged }));
    if (error.code === GuestErrors.BOOKING_THROTTLED) return sendPage(reply, confirmPage({ lang, plan, values, member, alert: text.tooManyBookings, status: 429 }));
    if (error.code !== CatalogErrors.SOLD_OUT) throw error;
    return sendPage(reply, soldOutPage(lang, plan));
  }
}

/** Whether this browser just booked `code`; if not, it was sent to the look-up form, where the email proves the guest. */
function justBooked(request: FastifyRequest<CodeParams>, reply: FastifyReply, lang: Lang): boolean {
  const code = request.params.code;
  const raw = request.cookies[BOOKED_COOKIE.name];
  const proof = raw ? request.unsignCookie(raw) : undefined;
  reply.header('cache-control', 'private, no-store');
  if (proof?.valid && proof.value === code) return true;
  reply.redirect(link('/reservations/lookup', { code }, lang), 303);
  return false;
}

async function showBooked(services: GuestServices, request: FastifyRequest<CodeParams>, reply: FastifyReply) {
  const { database } = services;
  const lang = langOf(paramsOf(request.query).lang);
  const code = request.params.code;
  if (!justBooked(request, reply, lang)) return reply;
  const [reservation, banners] = await Promise.all([
    reservationKindOf(code).get(database.db, code),
    bannersForPage(services, request, { lang, area: null, slots: ['booking-confirmation'] }),
  ]);
  const shown = { reservation, venue: await venueOf(database.db, reservation), calendarHref: link(calendarPathBeside(confirmationPath(code)), {}, lang) };
  return sendPage(reply, confirmationPage(lang, shown, bannerSlot('booking-confirmation', banners, lang)));
}

async function calendarOfBooked(services: GuestServices, request: FastifyRequest<CodeParams>, reply: FastifyReply) {
  const lang = langOf(paramsOf(request.query).lang);
  if (!justBooked(request, reply, lang)) return reply;
  const reservation = await reservationKindOf(request.params.code).get(services.database.db, request.params.code);
  return sendCalendar(services, reply, reservation, lang);
}
