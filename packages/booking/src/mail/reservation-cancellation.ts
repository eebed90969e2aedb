import { GuestReservationParams, reservationTemplate } from './reservation-mail.ts';

export const reservationCancellation = reservationTemplate('reservation-cancellation', GuestReservationParams, {
  ja: {
    subject: ({ reservation: r }) => `【Hatago】ご予約キャンセルのお知らせ（${r.code}）`,
    heading: () => 'ご予約をキャンセルしました',
    intro: ({ reservation: r }) => `${r.guest.name} 様、${r.hotelName}のご予約のキャンセルを承りました。またのご利用をお待ちしております。`,
  },
  en: {
    subject: ({ reservation: r }) => `Your Hatago reservation ${r.code} is cancelled`,
    heading: () => 'Your reservation is cancelled',
    intro: ({ reservation: r }) => `Dear ${r.guest.name}, we have cancelled your stay at ${r.hotelName}. We hope to welcome you another time.`,
  },
});
