import { defineErrorCodes } from '@hatago/platform/errors';

export const GuestErrors = defineErrorCodes('AREA_NOT_FOUND', 'BOOKING_THROTTLED', 'LOOKUP_THROTTLED');
