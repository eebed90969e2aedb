/** A reservation as booking passes it (a `Reservation`), with markup in the guest's name to prove escaping. */
export const sampleReservation = {
  code: 'HT7F3K9Q2MXA',
  status: 'confirmed',
  hotelId: 3,
  hotelName: '箱根 翠の宿',
  roomTypeName: '露天風呂付き和室',
  planName: '季節の懐石プラン',
  checkin: '2026-12-24',
  checkout: '2026-12-26',
  nights: 2,
  guests: 2,
  rooms: 1,
  guest: { name: '<script>alert(1)</script> 山田', nameLatin: 'YAMADA', email: 'guest@example.com', phone: '090' },
  totalPrice: 128000,
  accommodationTax: null,
  cancellationPolicy: { freeCancelDays: 3, feePercent: 50 },
  cancelFee: null,
};

/** Valid params for each of booking's mails, as booking passes them. */
export const SAMPLE_PARAMS: Record<string, Record<string, unknown>> = {
  'reservation-confirmation': { reservation: sampleReservation },
  'reservation-modification': {
    reservation: { ...sampleReservation, checkout: '2026-12-27', nights: 3, totalPrice: 192000 },
    before: sampleReservation,
  },
  'reservation-cancellation': { reservation: { ...sampleReservation, status: 'cancelled', cancelFee: 64000 } },
  'facility-new-reservation': { reservation: sampleReservation, hotelName: '箱根 翠の宿' },
  'facility-cancellation': { reservation: { ...sampleReservation, cancelFee: 0 }, hotelName: '箱根 翠の宿' },
};
