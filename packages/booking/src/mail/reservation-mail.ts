import { type Static, Type } from '@sinclair/typebox';
import { html } from '@hatago/platform/html';
import { cardLabel } from '@hatago/payments';
import { emailTemplate, type Facts, factsHtml, factsText, formatStayDate, formatYen, type Locale, mailLayout, textLayout } from '@hatago/mail';

const Text = Type.String({ minLength: 1, maxLength: 500 });
const Day = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$' });
const Count = Type.Integer({ minimum: 1, maximum: 1000 });

/**
 * The fields of a `Reservation` the mails print, as a schema because params are stored
 * and checked again at send time. Callers pass the whole `Reservation`: it must fit this
 * type where they enqueue, so a field renamed there fails to compile; the rest is ignored.
 */
export const ReservationParams = Type.Object({
  code: Text,
  hotelName: Text,
  roomTypeName: Text,
  planName: Text,
  checkin: Day,
  checkout: Day,
  nights: Count,
  guests: Count,
  rooms: Count,
  guest: Type.Object({ name: Text }),
  totalPrice: Type.Integer({ minimum: 0 }),
  // optional: mails queued before bookings recorded the tax carry no such field
  accommodationTax: Type.Optional(Type.Union([Type.Integer({ minimum: 0 }), Type.Null()])),
  cancellationPolicy: Type.Object({ freeCancelDays: Type.Integer({ minimum: 0 }), feePercent: Type.Integer({ minimum: 0, maximum: 100 }) }),
  cancelFee: Type.Union([Type.Integer({ minimum: 0 }), Type.Null()]),
  // optional: mails queued before bookings recorded the party's make-up, arrival, requests and payment carry none
  children: Type.Optional(Type.Integer({ minimum: 0, maximum: 1000 })),
  arrivalTime: Type.Optional(Type.Union([Type.String({ pattern: '^\\d{2}:\\d{2}$' }), Type.Null()])),
  requests: Type.Optional(Type.Union([Text, Type.Null()])),
  payment: Type.Optional(
    Type.Union([
      Type.Object({ kind: Type.Literal('at_hotel') }),
      Type.Object({ kind: Type.Literal('guarantee'), brand: Type.String({ maxLength: 20 }), last4: Type.String({ pattern: '^\\d{4}$' }) }),
    ]),
  ),
});
export type ReservationParams = Static<typeof ReservationParams>;

const LABELS = {
  ja: {
    code: '予約番号', hotel: '施設', room: '客室', plan: 'プラン', stay: 'ご宿泊', guests: '人数・室数', guest: 'ご予約者', total: '合計金額',
    accommodationTax: '宿泊税（ホテルでお支払い）', fee: 'キャンセル料', policy: 'キャンセル規定',
    arrival: 'チェックイン予定時刻', requests: 'ご要望', payment: 'お支払い', payAtHotel: '現地払い', guaranteed: (card: string) => `${card}で保証`,
  },
  en: {
    code: 'Reservation', hotel: 'Hotel', room: 'Room', plan: 'Plan', stay: 'Stay', guests: 'Guests / rooms', guest: 'Guest', total: 'Total',
    accommodationTax: 'Accommodation tax (paid at the hotel)', fee: 'Cancellation fee', policy: 'Cancellation policy',
    arrival: 'Estimated arrival', requests: 'Special requests', payment: 'Payment', payAtHotel: 'Pay at the hotel', guaranteed: (card: string) => `Guaranteed by ${card}`,
  },
} as const;

function partyText(r: ReservationParams, locale: Locale): string {
  const children = r.children ?? 0;
  const adults = r.guests - children;
  if (locale === 'ja') return children ? `大人${adults}名・子ども${children}名・${r.rooms}室` : `${r.guests}名・${r.rooms}室`;
  const rooms = `${r.rooms} room${r.rooms === 1 ? '' : 's'}`;
  if (!children) return `${r.guests} guest${r.guests === 1 ? '' : 's'}, ${rooms}`;
  return `${adults} adult${adults === 1 ? '' : 's'}, ${children} ${children === 1 ? 'child' : 'children'}, ${rooms}`;
}

/** The arrival, requests and payment, for mails whose booking recorded them. */
function detailFacts(r: ReservationParams, locale: Locale): Facts {
  const l = LABELS[locale];
  const facts: Facts = [];
  if (r.arrivalTime) facts.push([l.arrival, r.arrivalTime]);
  if (r.requests) facts.push([l.requests, r.requests]);
  if (r.payment) facts.push([l.payment, r.payment.kind === 'guarantee' ? l.guaranteed(cardLabel(r.payment)) : l.payAtHotel]);
  return facts;
}

/** The lines every reservation mail lists, in the reader's language. */
export function reservationFacts(r: ReservationParams, locale: Locale): Facts {
  const l = LABELS[locale];
  const stay =
    locale === 'ja'
      ? `${formatStayDate(r.checkin, locale)} 〜 ${formatStayDate(r.checkout, locale)}（${r.nights}泊）`
      : `${formatStayDate(r.checkin, locale)} – ${formatStayDate(r.checkout, locale)} (${r.nights} night${r.nights === 1 ? '' : 's'})`;
  const policy =
    locale === 'ja'
      ? `チェックイン${r.cancellationPolicy.freeCancelDays}日前まで無料、以降は${r.cancellationPolicy.feePercent}%`
      : `Free until ${r.cancellationPolicy.freeCancelDays} days before check-in, then ${r.cancellationPolicy.feePercent}%`;
  const facts: Facts = [
    [l.code, r.code],
    [l.hotel, r.hotelName],
    [l.room, r.roomTypeName],
    [l.plan, r.planName],
    [l.stay, stay],
    [l.guests, partyText(r, locale)],
    [l.guest, r.guest.name],
    ...detailFacts(r, locale),
    [l.total, formatYen(r.totalPrice, locale)],
  ];
  // owed only for a stay that happens, so a cancellation says nothing of it
  if (r.cancelFee === null && r.accommodationTax) facts.push([l.accommodationTax, formatYen(r.accommodationTax, locale)]);
  facts.push(r.cancelFee === null ? [l.policy, policy] : [l.fee, formatYen(r.cancelFee, locale)]);
  return facts;
}

export const GuestReservationParams = Type.Object({ reservation: ReservationParams });

/** Facility notices also name the hotel the staff work for, which may differ in language from the guest's. */
export const FacilityReservationParams = Type.Object({ reservation: ReservationParams, hotelName: Text });

type Copy<P> = Record<Locale, { subject: (p: P) => string; heading: (p: P) => string; intro: (p: P) => string }>;

/** The four reservation mails differ only in who reads them and what they say above the facts. */
export function reservationTemplate<S extends typeof GuestReservationParams | typeof FacilityReservationParams>(
  name: string,
  params: S,
  copy: Copy<Static<S>>,
) {
  return emailTemplate({
    name,
    params,
    render(p: Static<S>, locale: Locale) {
      const c = copy[locale];
      const facts = reservationFacts(p.reservation, locale);
      return {
        subject: c.subject(p),
        html: mailLayout(locale, c.heading(p), html`<p>${c.intro(p)}</p>${factsHtml(facts)}`),
        text: textLayout(locale, c.heading(p), `${c.intro(p)}\n\n${factsText(facts)}`),
      };
    },
  });
}
