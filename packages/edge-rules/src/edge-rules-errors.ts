import { defineErrorCodes } from '@hatago/platform/errors';

/** The codes of what the edge answers itself (Node edge and compiled VCL alike). */
export const EdgeErrors = defineErrorCodes(
  'METHOD_NOT_ALLOWED',
  'BODY_TOO_LARGE',
  'URI_TOO_LONG',
  'RATE_LIMITED',
  'METHOD_NOT_IMPLEMENTED',
  'BACKEND_FAILED', // the origin answered garbage or broke the connection
  'BACKEND_UNAVAILABLE', // no healthy instance, or the origin refused
  'BACKEND_TIMEOUT',
);
