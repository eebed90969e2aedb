import { tableReservationTemplate } from './table-reservation-mail.ts';

/** The restaurant could not take a request: nothing is booked and nothing is charged. */
export const tableReservationDeclined = tableReservationTemplate('table-reservation-declined', {
  ja: {
    subject: ({ reservation: r }) => `【Hatago】お席のリクエストについてのお知らせ（${r.code}）`,
    heading: 'ご希望に添えませんでした',
    intro: ({ reservation: r }) =>
      `${r.guest.name} 様、誠に恐れ入りますが、${r.restaurantName}より今回のお席のリクエストはお受けできないとの回答がありました。ご予約は成立しておらず、料金は一切かかりません。`,
  },
  en: {
    subject: ({ reservation: r }) => `Your Hatago table request ${r.code} could not be accepted`,
    heading: 'Your request could not be accepted',
    intro: ({ reservation: r }) =>
      `Dear ${r.guest.name}, we are sorry: ${r.restaurantName} cannot take your table request this time. Nothing is booked and nothing will be charged.`,
  },
});
