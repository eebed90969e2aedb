import { type Static, Type } from '@sinclair/typebox';
import { html } from '@hatago/platform/html';
import { emailTemplate, type Facts, factsHtml, factsText, formatStayDate, formatYen, type Locale, mailLayout, textLayout } from '@hatago/mail';

const Text = Type.String({ minLength: 1, maxLength: 500 });

/**
 * The fields of a `TableReservation` the mails print, as a schema because params are stored
 * and checked again at send time. Callers pass the whole reservation: it must fit this type
 * where they enqueue, so a field renamed there fails to compile; the rest is ignored.
 */
export const TableReservationParams = Type.Object({
  code: Text,
  restaurantName: Text,
  courseName: Text,
  date: Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$' }),
  time: Type.String({ pattern: '^\\d{2}:\\d{2}$' }),
  party: Type.Integer({ minimum: 1, maximum: 20 }),
  guest: Type.Object({ name: Text }),
  requests: Type.String({ maxLength: 1000 }),
  totalPrice: Type.Integer({ minimum: 0 }),
  cancelFees: Type.Array(Type.Object({ withinHours: Type.Integer({ minimum: 0 }), percent: Type.Integer({ minimum: 0, maximum: 100 }) })),
  cancelFee: Type.Union([Type.Integer({ minimum: 0 }), Type.Null()]),
});
export type TableReservationParams = Static<typeof TableReservationParams>;
export const GuestTableReservationParams = Type.Object({ reservation: TableReservationParams });
type GuestParams = Static<typeof GuestTableReservationParams>;

const LABELS = {
  ja: { code: '予約番号', restaurant: '店舗', course: 'コース', when: '日時', party: '人数', guest: 'ご予約者', requests: 'ご要望', total: '合計金額', fee: 'キャンセル料', policy: 'キャンセル規定' },
  en: { code: 'Reservation', restaurant: 'Restaurant', course: 'Course', when: 'Date and time', party: 'Party', guest: 'Guest', requests: 'Requests', total: 'Total', fee: 'Cancellation fee', policy: 'Cancellation policy' },
} as const;

function policyText(rules: TableReservationParams['cancelFees'], locale: Locale): string {
  if (rules.length === 0) return locale === 'ja' ? '無料' : 'Free of charge';
  const sorted = [...rules].sort((a, b) => b.withinHours - a.withinHours);
  return sorted
    .map((r) => (locale === 'ja' ? `${r.withinHours}時間前から${r.percent}%` : `${r.percent}% within ${r.withinHours} hours`))
    .join(locale === 'ja' ? '、' : '; ');
}

function tableFacts(r: TableReservationParams, locale: Locale): Facts {
  const l = LABELS[locale];
  const facts: Facts = [
    [l.code, r.code],
    [l.restaurant, r.restaurantName],
    [l.course, r.courseName],
    [l.when, `${formatStayDate(r.date, locale)} ${r.time}`],
    [l.party, locale === 'ja' ? `${r.party}名` : `${r.party} guest${r.party === 1 ? '' : 's'}`],
    [l.guest, r.guest.name],
  ];
  if (r.requests) facts.push([l.requests, r.requests]);
  facts.push([l.total, formatYen(r.totalPrice, locale)]);
  facts.push(r.cancelFee === null ? [l.policy, policyText(r.cancelFees, locale)] : [l.fee, formatYen(r.cancelFee, locale)]);
  return facts;
}

type Copy = Record<Locale, { subject: (p: GuestParams) => string; heading: string; intro: (p: GuestParams) => string }>;

/** The guest's table mails differ only in what they say above the facts. */
export const tableReservationTemplate = (name: string, copy: Copy) =>
  emailTemplate({
    name,
    params: GuestTableReservationParams,
    render(p: GuestParams, locale: Locale) {
      const c = copy[locale];
      const facts = tableFacts(p.reservation, locale);
      return {
        subject: c.subject(p),
        html: mailLayout(locale, c.heading, html`<p>${c.intro(p)}</p>${factsHtml(facts)}`),
        text: textLayout(locale, c.heading, `${c.intro(p)}\n\n${factsText(facts)}`),
      };
    },
  });
