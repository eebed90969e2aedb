import { Type } from '@sinclair/typebox';
import { bookStay } from '@hatago/booking';
import type { HttpApp } from '@hatago/platform/http';
import { claimBookingAttempt } from '../booking-attempts.ts';
import type { GuestServices } from '../deps.ts';
import { claimLookupAttempt } from '../lookup-attempts.ts';
import { BookingBody, EmailBody, problemResponses, Reservation } from './api-schemas.ts';
import { cancelAsGuestAnswer, findForGuestAnswer } from './reservation-owners.ts';
import { AnyReservation } from './restaurant-schemas.ts';

const CodeParams = Type.Object({ code: Type.String({ maxLength: 40, description: 'HT… a stay, RS… a table' }) });

export function registerReservationApi(app: HttpApp, services: GuestServices): void {
  const { booking: bookingContext } = services;
  app.post(
    '/api/v1/reservations',
    {
      schema: {
        tags: ['reservations'],
        summary: 'Book a stay',
        description:
          'Idempotent by the Idempotency-Key header: the same key and body return the same reservation (header Idempotent-Replayed: true); the same key with another body is rejected with 422.',
        headers: Type.Object({ 'idempotency-key': Type.String({ minLength: 8, maxLength: 200 }) }),
        body: BookingBody,
        response: { 201: Reservation, ...problemResponses(400, 404, 409, 413, 415, 422, 429) },
      },
    },
    async (request, reply) => {
      const { lang, ...booking } = request.body;
      await claimBookingAttempt(services, request.ip);
      const outcome = await bookStay(bookingContext, booking, {
        idempotencyKey: request.headers['idempotency-key'],
        locale: lang ?? 'en',
      });
      request.log.info({ code: outcome.reservation.code, replayed: outcome.replayed }, 'reservation booked');
      reply.code(201).header('cache-control', 'no-store').header('location', `/api/v1/reservations/${outcome.reservation.code}`);
      if (outcome.replayed) reply.header('idempotent-replayed', 'true');
      return outcome.reservation;
    },
  );

  app.get(
    '/api/v1/reservations/:code',
    {
      schema: {
        tags: ['reservations'],
        summary: 'Look up a reservation by code and the email it was booked with',
        params: CodeParams,
        querystring: Type.Object({ email: Type.String({ maxLength: 300 }) }),
        response: { 200: AnyReservation, ...problemResponses(400, 404, 429) },
      },
    },
    async (request, reply) => {
      const { code } = request.params;
      await claimLookupAttempt(services, request, reply, code);
      const reservation = await findForGuestAnswer(services, code, request.query.email);
      reply.header('cache-control', 'private, no-store');
      return reservation;
    },
  );

  app.post(
    '/api/v1/reservations/:code/cancel',
    {
      schema: {
        tags: ['reservations'],
        summary: 'Cancel a reservation under its cancellation policy',
        description: 'Cancelling an already cancelled reservation returns it unchanged, so retries are safe.',
        params: CodeParams,
        body: EmailBody,
        response: { 200: AnyReservation, ...problemResponses(400, 404, 409, 429) },
      },
    },
    async (request, reply) => {
      const { code } = request.params;
      await claimLookupAttempt(services, request, reply, code);
      const reservation = await cancelAsGuestAnswer(services, code, request.body.email);
      request.log.info({ code: reservation.code, fee: reservation.cancelFee }, 'reservation cancelled');
      reply.header('cache-control', 'no-store');
      return reservation;
    },
  );
}
