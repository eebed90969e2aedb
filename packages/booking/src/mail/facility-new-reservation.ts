import { FacilityReservationParams, reservationTemplate } from './reservation-mail.ts';

export const facilityNewReservation = reservationTemplate('facility-new-reservation', FacilityReservationParams, {
  ja: {
    subject: ({ reservation: r, hotelName }) => `【Hatago】新規予約 ${r.code}（${hotelName}）`,
    heading: () => '新しいご予約が入りました',
    intro: ({ hotelName }) => `${hotelName} ご担当者様、Hatago 経由で以下のご予約が入りました。`,
  },
  en: {
    subject: ({ reservation: r, hotelName }) => `New reservation ${r.code} at ${hotelName}`,
    heading: () => 'A new reservation has arrived',
    intro: ({ hotelName }) => `To the team at ${hotelName}: the following reservation was made through Hatago.`,
  },
});
