import { defineErrorCodes } from '@hatago/platform/errors';

export const FacilityErrors = defineErrorCodes(
  'NO_HOTEL', // the staff account is not linked to a hotel
  'NO_RESTAURANT', // the staff account is not linked to a restaurant
  'FILE_NOT_FOUND', // an export file that has been removed
  'LINK_NOT_VALID', // a download link that is expired or forged
);
