import { defineErrorCodes } from '@hatago/platform/errors';

export const OperatorErrors = defineErrorCodes('ROLE_REQUIRED');
