import { defineErrorCodes } from '@hatago/platform/errors';

export const WebKitErrors = defineErrorCodes(
  'CROSS_SITE_REQUEST', // a form posted from another origin
  'FORM_TOKEN_INVALID', // a signed-in post with neither Origin nor Referer and no valid form token
  'SIGN_IN_REQUIRED',
);
