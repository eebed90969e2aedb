import { FacilityReservationParams, reservationTemplate } from './reservation-mail.ts';

export const facilityCancellation = reservationTemplate('facility-cancellation', FacilityReservationParams, {
  ja: {
    subject: ({ reservation: r, hotelName }) => `【Hatago】予約キャンセル ${r.code}（${hotelName}）`,
    heading: () => 'ご予約がキャンセルされました',
    intro: ({ hotelName }) => `${hotelName} ご担当者様、以下のご予約がキャンセルされました。在庫は自動的に戻されています。`,
  },
  en: {
    subject: ({ reservation: r, hotelName }) => `Reservation ${r.code} at ${hotelName} was cancelled`,
    heading: () => 'A reservation was cancelled',
    intro: ({ hotelName }) => `To the team at ${hotelName}: the following reservation was cancelled. Its rooms are back in your inventory.`,
  },
});
