import { tableReservationTemplate } from './table-reservation-mail.ts';

export const tableReservationConfirmation = tableReservationTemplate('table-reservation-confirmation', {
  ja: {
    subject: ({ reservation: r }) => `【Hatago】お席のご予約確定のお知らせ（${r.code}）`,
    heading: 'ご予約ありがとうございます',
    intro: ({ reservation: r }) => `${r.guest.name} 様、${r.restaurantName}のお席のご予約が確定しました。ご来店を心よりお待ちしております。`,
  },
  en: {
    subject: ({ reservation: r }) => `Your Hatago table ${r.code} is confirmed`,
    heading: 'Thank you for your reservation',
    intro: ({ reservation: r }) => `Dear ${r.guest.name}, your table at ${r.restaurantName} is confirmed. We look forward to welcoming you.`,
  },
});
