import type { FastifyReply, FastifyRequest } from 'fastify';
import { BookingErrors } from '@hatago/booking';
import { bookTable, DiningErrors, getRestaurantAvailability, getRestaurantProfile, parseTableBooking, type TableBookingRequest } from '@hatago/dining';
import { PaymentErrors } from '@hatago/payments';
import { DomainError, type FieldError, invalid } from '@hatago/platform/errors';
import type { HttpApp } from '@hatago/platform/http';
import { parseId } from '@hatago/platform/input';
import { tokyoToday } from '@hatago/platform/time';
import { claimBookingAttempt } from '../booking-attempts.ts';
import type { GuestServices } from '../deps.ts';
import { GuestErrors } from '../guest-errors.ts';
import { showJustBooked } from './booking-pages.ts';
import { CARD_FORM_FIELD, withCardToken } from './card-guarantee-form.ts';
import { readDiningQuery } from './dining-form.ts';
import { type Lang, langOf, localise, OCCASIONS, t } from './i18n.ts';
import { currentMember } from './member-session.ts';
import { savedGuestChoiceOf } from './saved-guest-choice.ts';
import { localiseErrors, notFoundPage, paramsOf, sendPage } from './page-kit.ts';
import { needsGuarantee, seatingFullPage, type TableChoice, tableConfirmPage, tableDetailsPage, tableUnavailablePage } from './table-booking-views.ts';

/** Table bookings: course and seating → details and requests → confirm → code, as stays are booked. */
export function registerTableBookingPages(app: HttpApp, services: GuestServices): void {
  app.get('/book/table', (request, reply) => showDetailsForm(services, request, reply));
  app.post('/book/table/confirm', (request, reply) => showConfirmation(services, request, reply));
  app.post('/book/table', (request, reply) => book(services, request, reply));
}

/** The guest's allergies and occasion as the one requests text the restaurant reads, in the guest's language. */
function requestsOf(values: Record<string, string>, lang: Lang): string {
  const text = t(lang);
  const occasion = OCCASIONS.find((o) => o !== '' && o === values.occasion);
  return [values.allergies?.trim() ? `${text.allergies}: ${values.allergies.trim()}` : '', occasion ? `${text.occasion}: ${text.occasions[occasion]}` : '']
    .filter(Boolean)
    .join('\n');
}

const tableRequestOf = (values: Record<string, string>, lang: Lang): TableBookingRequest => ({
  restaurantId: values.restaurantId,
  courseId: values.courseId,
  date: values.date,
  time: values.time,
  party: values.party,
  guest: { name: values.name, email: values.email, phone: values.phone },
  requests: requestsOf(values, lang),
  guaranteeToken: values.guaranteeToken,
});

/** The domain names the requests text and the card token; the guest typed allergies and a card number. */
const FORM_FIELD: Record<string, string> = { requests: 'allergies', ...CARD_FORM_FIELD };
const formErrors = (lang: Lang, errors: FieldError[]): FieldError[] =>
  localiseErrors(lang, errors).map((e) => ({ ...e, field: FORM_FIELD[e.field] ?? e.field }));

/** The seating and course a form carries, still bookable for the party; or the page that explains why not. */
async function loadChoice({ database }: GuestServices, reply: FastifyReply, values: Record<string, string>, lang: Lang): Promise<TableChoice | string> {
  const text = t(lang);
  const restaurantId = parseId(values.restaurantId);
  const courseId = parseId(values.courseId);
  if (restaurantId === undefined || courseId === undefined) return notFoundPage(reply, lang, text.tableUnavailable, 'private');
  const { query, errors } = readDiningQuery({ date: values.date ?? '', party: values.party ?? '' }, lang);
  if (!query) return sendPage(reply, tableUnavailablePage(lang, 422, errors.map((e) => e.message), restaurantId));
  try {
    const [restaurant, day] = await Promise.all([getRestaurantProfile(database.db, restaurantId), getRestaurantAvailability(database.db, restaurantId, query)]);
    const seating = day.seatings.find((s) => s.time === values.time);
    const course = restaurant.courses.find((c) => c.id === courseId);
    if (!seating || !course || !seating.courseIds.includes(courseId)) return sendPage(reply, tableUnavailablePage(lang, 422, [text.courseNotAtSeating], restaurantId));
    const choice = { restaurant, course, date: day.date, time: seating.time, party: day.party, durationMinutes: seating.durationMinutes, totalPrice: course.pricePerPerson * day.party };
    if (!seating.available) return sendPage(reply, seatingFullPage(lang, choice));
    return choice;
  } catch (error) {
    if (error instanceof DomainError && error.kind === 'not_found') return notFoundPage(reply, lang, text.restaurantNotFound, 'private');
    throw error;
  }
}

/** Whether the form's course costs anything for its party, so must be guaranteed; unknown choices are left to the booking to refuse. */
async function isPriced({ database }: GuestServices, values: Record<string, string>): Promise<boolean> {
  const restaurantId = parseId(values.restaurantId);
  const courseId = parseId(values.courseId);
  if (restaurantId === undefined || courseId === undefined) return false;
  const profile = await getRestaurantProfile(database.db, restaurantId).catch(() => undefined);
  return (profile?.courses.find((c) => c.id === courseId)?.pricePerPerson ?? 0) > 0;
}

async function showDetailsForm(services: GuestServices, request: FastifyRequest, reply: FastifyReply) {
  const values = paramsOf(request.query);
  const lang = langOf(values.lang);
  const choice = await loadChoice(services, reply, values, lang);
  if (typeof choice === 'string') return choice;
  const member = await currentMember(services.database, request);
  return sendPage(reply, tableDetailsPage({ lang, choice, values: {}, member, saved: await savedGuestChoiceOf(services.database, member, values.savedGuest) }));
}

async function showConfirmation(services: GuestServices, request: FastifyRequest, reply: FastifyReply) {
  const values = paramsOf(request.body);
  const lang = langOf(values.lang);
  const choice = await loadChoice(services, reply, values, lang);
  if (typeof choice === 'string') return choice;
  const member = await currentMember(services.database, request);
  if (values.edit === 'yes') return sendPage(reply, tableDetailsPage({ lang, choice, values, member }));
  const errors: FieldError[] = [];
  let carried = values;
  for (const check of [() => parseTableBooking(tableRequestOf(values, lang), tokyoToday()), () => (carried = withCardToken(services.payments, needsGuarantee(choice), values))]) {
    try {
      check();
    } catch (error) {
      if (!(error instanceof DomainError) || error.kind !== 'invalid') throw error;
      errors.push(...formErrors(lang, error.fields));
    }
  }
  if (errors.length) return sendPage(reply, tableDetailsPage({ lang, choice, values, member, errors }));
  return sendPage(reply, tableConfirmPage({ lang, choice, values: carried, member }));
}

async function book(services: GuestServices, request: FastifyRequest, reply: FastifyReply) {
  const values = paramsOf(request.body);
  const lang = langOf(values.lang);
  const text = t(lang);
  const member = await currentMember(services.database, request);
  try {
    await claimBookingAttempt(services, request.ip);
    if (!values.guaranteeToken && (await isPriced(services, values))) throw invalid(PaymentErrors.INVALID_CARD, [{ field: 'cardNumber', message: text.cardRequired }]);
    const { reservation, replayed } = await bookTable(services.dining, tableRequestOf(values, lang), {
      idempotencyKey: values.idempotencyKey ?? '',
      memberId: member?.id,
      // a member's mails are written in the language they chose for them
      locale: member?.preferredLang ?? lang,
      expectedTotal: values.expectedTotal === undefined ? undefined : Number(values.expectedTotal),
    });
    request.log.info({ code: reservation.code, replayed }, 'table booked from the guest site');
    return showJustBooked(request, reply, reservation.code, lang);
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    const choice = await loadChoice(services, reply, values, lang);
    if (typeof choice === 'string') return choice;
    if (error.code === DiningErrors.SEATING_FULL) return sendPage(reply, seatingFullPage(lang, choice));
    if (error.kind === 'invalid') return sendPage(reply, tableDetailsPage({ lang, choice, values, member, errors: formErrors(lang, error.fields) }));
    if (error.code === BookingErrors.PRICE_CHANGED) return sendPage(reply, tableConfirmPage({ lang, choice, values, member, alert: text.priceChanged }));
    if (error.code === GuestErrors.BOOKING_THROTTLED) return sendPage(reply, tableConfirmPage({ lang, choice, values, member, alert: text.tooManyBookings, status: 429 }));
    return sendPage(reply, tableConfirmPage({ lang, choice, values, member, alert: localise(lang, error.message), status: 409 }));
  }
}
