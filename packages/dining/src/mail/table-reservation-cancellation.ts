import { tableReservationTemplate } from './table-reservation-mail.ts';

export const tableReservationCancellation = tableReservationTemplate('table-reservation-cancellation', {
  ja: {
    subject: ({ reservation: r }) => `【Hatago】お席のご予約キャンセルのお知らせ（${r.code}）`,
    heading: 'ご予約をキャンセルしました',
    intro: ({ reservation: r }) => `${r.guest.name} 様、${r.restaurantName}のお席のご予約をキャンセルいたしました。`,
  },
  en: {
    subject: ({ reservation: r }) => `Your Hatago table ${r.code} is cancelled`,
    heading: 'Your reservation is cancelled',
    intro: ({ reservation: r }) => `Dear ${r.guest.name}, your table at ${r.restaurantName} has been cancelled.`,
  },
});
