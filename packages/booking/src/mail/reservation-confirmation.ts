import type { Executor } from '@hatago/db';
import { type Enqueued, enqueueMails, type PreparedMail, prepareMail } from '@hatago/mail';
import type { Reservation } from '../reservations/reservation.ts';
import { GuestReservationParams, reservationTemplate } from './reservation-mail.ts';

export const reservationConfirmation = reservationTemplate('reservation-confirmation', GuestReservationParams, {
  ja: {
    subject: ({ reservation: r }) => `【Hatago】ご予約確定のお知らせ（${r.code}）`,
    heading: () => 'ご予約ありがとうございます',
    intro: ({ reservation: r }) => `${r.guest.name} 様、${r.hotelName}のご予約が確定しました。ご来館を心よりお待ちしております。`,
  },
  en: {
    subject: ({ reservation: r }) => `Your Hatago reservation ${r.code} is confirmed`,
    heading: () => 'Thank you for your reservation',
    intro: ({ reservation: r }) => `Dear ${r.guest.name}, your stay at ${r.hotelName} is confirmed. We look forward to welcoming you.`,
  },
});

/**
 * The confirmation to the guest in the language they booked in: at booking, and again when
 * support resends it (each with its own key, so a resend is a new mail, not a duplicate).
 */
export const reservationConfirmationMail = (reservation: Reservation, idempotencyKey: string): PreparedMail =>
  prepareMail(reservationConfirmation, {
    to: reservation.guest.email,
    locale: reservation.locale,
    category: 'reservation',
    idempotencyKey,
    reference: reservation.code,
    params: { reservation },
  });

export const enqueueReservationConfirmation = async (trx: Executor, reservation: Reservation, idempotencyKey: string): Promise<Enqueued> =>
  (await enqueueMails(trx, [reservationConfirmationMail(reservation, idempotencyKey)]))[0]!;
