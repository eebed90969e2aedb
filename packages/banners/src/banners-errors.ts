import { defineErrorCodes } from '@hatago/platform/errors';

export const BannersErrors = defineErrorCodes(
  'INVALID_BANNER_DOCUMENT', // every error carries the JSON path it is about
  'BANNER_VERSION_NOT_FOUND',
  'BANNER_DRAFT_NOT_FOUND',
);
