import { defineErrorCodes } from '@hatago/platform/errors';

export const WebKitErrors = defineErrorCodes(
  'CROSS_SITE_REQUEST', // a form posted from another origin
  'SIGN_IN_REQUIRED',
);
