import { defineErrorCodes } from '@hatago/platform/errors';

export const FlagsErrors = defineErrorCodes(
  'INVALID_FEATURE_FLAG', // every error carries the path it is about ($.environments.production.percent)
  'FEATURE_FLAG_NOT_FOUND',
  'FEATURE_FLAG_EXISTS',
  'FEATURE_FLAG_STALE', // saved over somebody else's change: nothing was changed
  'FEATURE_FLAG_ENVIRONMENT_NOT_FOUND',
);
