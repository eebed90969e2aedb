export { type BookingTables, RESERVATION_STATUSES, type ReservationStatus } from './booking-tables.ts';
export { BookingErrors } from './booking-errors.ts';
export { bookingMigrations } from './migrations/index.ts';
export type { BookingContext } from './booking-context.ts';
export { type GuaranteeStatus, type Reservation, type ReservationRow, type StayPayment, toReservation } from './reservations/reservation.ts';
export { stayBookedMails, stayCancelledMails } from './mail/stay-mails.ts';
export { bookingMails } from './mail/booking-mails.ts';
export { enqueueReservationConfirmation, reservationConfirmation } from './mail/reservation-confirmation.ts';
export { addReservationNote, NOTE_MAX, RESERVATION_NOTE_ACTION, type ReservationNote } from './reservations/reservation-notes.ts';
export {
  resendConfirmation,
  RESEND_CONFIRMATION_ACTION,
  RESEND_GUARD_MS,
  type ConfirmationResend,
  type ResendOutcome,
} from './reservations/resend-confirmation.ts';
export {
  newReservationCode,
  normaliseReservationCode,
  RESERVATION_CODE,
  RESERVATION_PREFIXES,
  TABLE_RESERVATION_CODE,
  type ReservationKind,
} from './reservations/reservation-code.ts';
export {
  bookStay,
  checkIdempotencyKey,
  idempotencyKeyReused,
  parseBookingRequest,
  IDEMPOTENCY_KEY,
  type BookingOptions,
  type BookingOutcome,
  type BookingRequest,
} from './reservations/book-stay.ts';
export { cancellationFeeOf, cancellationTerms, type CancellationTerms } from './cancellation/cancellation-policy.ts';
export {
  cancelReservation,
  isCancellableBy,
  type Canceller,
  type CancellationOptions,
  type CancellationOutcome,
} from './cancellation/cancel-reservation.ts';
export {
  cancelReservationAsOperator,
  checkOperatorCancellation,
  mayWaiveCancellationFee,
  OPERATOR_REASON_MAX,
  type OperatorCancellation,
} from './cancellation/cancel-as-operator.ts';
export {
  findReservationForGuest,
  getReservationByCode,
  listMemberReservations,
  listReservationNights,
  searchReservations,
  type ReservationFilter,
} from './queries/reservation-queries.ts';
export { csvCell, recordsToCsv, toCsv, UTF8_BOM, type CsvCell, type CsvColumns } from './export/csv.ts';
export { checkExportSize, exportReservationsCsv, reservationsToCsv, MAX_EXPORT_ROWS } from './export/reservations-csv.ts';
export { parseReservationFilter, type ReservationFilterForm } from './queries/reservation-filter-input.ts';
export { frontDeskDay, type FrontDeskDay, type FrontDeskStay } from './front-desk/front-desk-day.ts';
export { recentReservationActivity, RECENT_ACTIVITY_LIMIT, type ReservationActivity } from './front-desk/recent-activity.ts';
export { type StaffAction } from './front-desk/staff-action.ts';
export { checkIn, checkOut, FRONT_DESK_ACTIONS, markNoShow, noShowFeeOf, type TransitionOutcome } from './front-desk/stay-transitions.ts';
export {
  modifyReservation,
  previewModification,
  MODIFY_ACTION,
  type ModificationOutcome,
  type ModificationPreview,
} from './reservations/modify-reservation.ts';
export type { ReservationChange } from './reservations/modification-input.ts';
export { reservationModification } from './mail/reservation-modification.ts';
export { arrivalTimes, REQUESTS_MAX_LENGTH } from './reservations/stay-details.ts';
