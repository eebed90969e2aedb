import { tableReservationTemplate } from './table-reservation-mail.ts';

/** To the restaurant's reservations address: a request waits for its answer in the console. */
export const restaurantNewRequest = tableReservationTemplate('restaurant-new-request', {
  ja: {
    subject: ({ reservation: r }) => `【Hatago】新しいお席のリクエスト ${r.code}（${r.date} ${r.time}）`,
    heading: '新しいリクエストが届きました',
    intro: ({ reservation: r }) =>
      `${r.restaurantName} ご担当者様、Hatago 経由で以下のお席のリクエストが届きました。お席は仮押さえ済みです。施設コンソールで承諾またはお断りをお選びください。`,
  },
  en: {
    subject: ({ reservation: r }) => `New table request ${r.code} for ${r.date} ${r.time}`,
    heading: 'A new table request is waiting',
    intro: ({ reservation: r }) =>
      `To the team at ${r.restaurantName}: the following table request came through Hatago. Its seats are held; accept or decline it in the facility console.`,
  },
});
