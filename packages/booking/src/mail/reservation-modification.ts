import { Type } from '@sinclair/typebox';
import type { Executor } from '@hatago/db';
import { emailTemplate, type Enqueued, enqueueMail, type Facts, factsHtml, factsText, type Locale, mailLayout, textLayout } from '@hatago/mail';
import { html } from '@hatago/platform/html';
import type { Reservation } from '../reservations/reservation.ts';
import { ReservationParams, reservationFacts } from './reservation-mail.ts';

const ModificationParams = Type.Object({ reservation: ReservationParams, before: ReservationParams });

const COPY = {
  ja: {
    subject: (code: string) => `【Hatago】ご予約変更のお知らせ（${code}）`,
    heading: 'ご予約を変更しました',
    intro: (name: string, hotel: string) => `${name} 様、${hotel}のご予約を以下のとおり変更しました。`,
    changes: '変更内容',
    now: '変更後のご予約',
  },
  en: {
    subject: (code: string) => `Your Hatago reservation ${code} has changed`,
    heading: 'Your reservation has changed',
    intro: (name: string, hotel: string) => `Dear ${name}, your stay at ${hotel} has been changed as follows.`,
    changes: 'What changed',
    now: 'Your reservation now',
  },
} as const;

/** The lines that differ between the two versions, each as `before → after`. */
function changedFacts(before: ReservationParams, after: ReservationParams, locale: Locale): Facts {
  const old = new Map(reservationFacts(before, locale));
  return reservationFacts(after, locale)
    .filter(([label, value]) => old.has(label) && old.get(label) !== value)
    .map(([label, value]) => [label, `${old.get(label)} → ${value}`]);
}

/** Tells the guest, in the language they booked in, what the hotel or support changed and how the stay now stands. */
export const reservationModification = emailTemplate({
  name: 'reservation-modification',
  params: ModificationParams,
  render({ reservation, before }, locale: Locale) {
    const c = COPY[locale];
    const intro = c.intro(reservation.guest.name, reservation.hotelName);
    const changes = changedFacts(before, reservation, locale);
    const facts = reservationFacts(reservation, locale);
    return {
      subject: c.subject(reservation.code),
      html: mailLayout(locale, c.heading, html`<p>${intro}</p><h2>${c.changes}</h2>${factsHtml(changes)}<h2>${c.now}</h2>${factsHtml(facts)}`),
      text: textLayout(locale, c.heading, `${intro}\n\n${c.changes}\n${factsText(changes)}\n\n${c.now}\n${factsText(facts)}`),
    };
  },
});

/** Queued in the modifying transaction, once per version the modification made. */
export const enqueueReservationModification = (trx: Executor, before: Reservation, reservation: Reservation): Promise<Enqueued> =>
  enqueueMail(trx, reservationModification, {
    to: reservation.guest.email,
    locale: reservation.locale,
    category: 'reservation',
    idempotencyKey: `reservation-modification:${reservation.code}:v${reservation.version}`,
    reference: reservation.code,
    params: { reservation, before },
  });
