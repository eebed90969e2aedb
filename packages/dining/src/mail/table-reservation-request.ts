import { tableReservationTemplate } from './table-reservation-mail.ts';

/** A request booking holds the table but is not confirmed: the guest must not read it as a confirmation. */
export const tableReservationRequest = tableReservationTemplate('table-reservation-request', {
  ja: {
    subject: ({ reservation: r }) => `【Hatago】お席のリクエストを承りました（${r.code}）`,
    heading: 'リクエストを受け付けました',
    intro: ({ reservation: r }) =>
      `${r.guest.name} 様、${r.restaurantName}へのお席のリクエストを店舗にお送りしました。店舗が承諾した時点でご予約が確定し、改めてご連絡いたします。`,
  },
  en: {
    subject: ({ reservation: r }) => `Your Hatago table request ${r.code} was sent`,
    heading: 'Your request was received',
    intro: ({ reservation: r }) =>
      `Dear ${r.guest.name}, we sent your request for a table to ${r.restaurantName}. Your booking is confirmed once the restaurant accepts it; we will write to you then.`,
  },
});
