import type { FastifyReply } from 'fastify';
import { holdsSeats } from '@hatago/dining';
import { addMinutes, type CalendarEvent, writeCalendar } from '@hatago/platform/calendar';
import type { GuestServices } from '../deps.ts';
import { type AnyReservation, isTableReservation } from '../reservation-kinds.ts';
import { type Venue, venueOf } from '../reservation-venues.ts';
import { formatDate, formatTime } from './formats.ts';
import { type Lang, planLabel, t } from './i18n.ts';
import { link } from './page-kit.ts';

const PRODUCT_ID = '-//Hatago//Reservations//EN';

/** The calendar file's path beside a page that shows the reservation: it answers under that page's access check. */
export const calendarPathBeside = (pagePath: string): string => `${pagePath}/calendar.ics`;

function statusOf(reservation: AnyReservation): CalendarEvent['status'] {
  if (isTableReservation(reservation)) return reservation.status === 'requested' ? 'TENTATIVE' : holdsSeats(reservation.status) ? 'CONFIRMED' : 'CANCELLED';
  // a stay the guest never arrived for did not take place, as one cancelled
  return reservation.status === 'cancelled' || reservation.status === 'no_show' ? 'CANCELLED' : 'CONFIRMED';
}

/**
 * The reservation as one calendar event in the page's language: a stay from check-in to
 * check-out at the hotel's hours, a table for its seating. The UID is the code at the site's
 * host, so a calendar given the file twice can tell it is one event.
 */
function reservationEvent(reservation: AnyReservation, venue: Venue, lang: Lang, site: { baseUrl: string; now: Date }): CalendarEvent {
  const text = t(lang);
  const base = site.baseUrl.replace(/\/+$/, '');
  const lookup = `${base}${link('/reservations/lookup', { code: reservation.code }, lang)}`;
  const line = (label: string, value: string | number) => `${label}: ${value}`;
  const common = {
    uid: `${reservation.code}@${new URL(base).hostname}`,
    stamp: site.now,
    timeZone: 'Asia/Tokyo' as const,
    location: venue.address,
    url: lookup,
    status: statusOf(reservation),
  };
  const closing = [line(text.navLookup, lookup)];
  if (isTableReservation(reservation)) {
    const start = `${reservation.date}T${reservation.time.slice(0, 5)}`;
    return {
      ...common,
      start,
      end: addMinutes(start, reservation.durationMinutes),
      summary: text.calendarTable(venue.name[lang]),
      description: [
        line(text.reservationCode, reservation.code),
        line(text.course, reservation.courseName),
        line(text.party, text.people(reservation.party)),
        ...closing,
      ].join('\n'),
    };
  }
  const hours = venue.hours;
  // every hotel has both times (not null columns); a venue without them is a table's
  if (!hours) throw new Error(`Stay ${reservation.code} was given a venue without check-in hours`);
  return {
    ...common,
    start: `${reservation.checkin}T${hours.checkin}`,
    end: `${reservation.checkout}T${hours.checkout}`,
    summary: text.calendarStay(venue.name[lang]),
    description: [
      line(text.reservationCode, reservation.code),
      line(text.checkin, `${formatDate(lang, reservation.checkin)} ${text.arrivalFrom(formatTime(lang, hours.checkin))}`),
      line(text.checkout, `${formatDate(lang, reservation.checkout)} ${text.departureBy(formatTime(lang, hours.checkout))}`),
      line(text.roomType, reservation.roomTypeName),
      line(text.plan, planLabel(lang, reservation.planName, reservation.meals)),
      line(text.guests, reservation.guests),
      line(text.rooms, reservation.rooms),
      ...(venue.email ? [line(text.frontDesk, venue.email)] : []),
      ...closing,
    ].join('\n'),
  };
}

/** Sends the file of a reservation the route has let the guest see, as a download; it names a guest, so no cache keeps it. */
export async function sendCalendar(services: Pick<GuestServices, 'database' | 'publicBaseUrl' | 'now'>, reply: FastifyReply, reservation: AnyReservation, lang: Lang) {
  const venue = await venueOf(services.database.db, reservation);
  const site = { baseUrl: services.publicBaseUrl, now: services.now() };
  return reply
    .code(200)
    .type('text/calendar; charset=utf-8')
    .header('content-disposition', `attachment; filename="hatago-${reservation.code}.ics"`)
    .header('cache-control', 'private, no-store')
    .send(writeCalendar(reservationEvent(reservation, venue, lang, site), PRODUCT_ID));
}
