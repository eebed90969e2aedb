import { defineErrorCodes } from '@hatago/platform/errors';

export const DbErrors = defineErrorCodes(
  'HATAGO_MIGRATION_FAILED', // start-up: the schema could not be brought up to date
);
