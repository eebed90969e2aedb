import { defineErrorCodes } from '@hatago/platform/errors';

export const BookingErrors = defineErrorCodes(
  'INVALID_BOOKING',
  'INVALID_IDEMPOTENCY_KEY',
  'IDEMPOTENCY_KEY_REUSED', // same key, different request body
  'PRICE_CHANGED', // the total differs from the one the guest was shown
  'RESERVATION_NOT_FOUND',
  'INVALID_CANCELLATION',
  'STAY_STARTED', // too late to cancel online
  'RESERVATION_CANCELLED', // nothing to confirm any more
  'INVALID_NOTE',
  'EXPORT_TOO_LARGE',
  'INVALID_MODIFICATION',
  'RESERVATION_CHANGED', // modified by somebody else since the form was shown
  'INVALID_STATUS_CHANGE', // the reservation's status does not allow this step
  'BEFORE_ARRIVAL', // the arrival date (Tokyo) has not begun
);
