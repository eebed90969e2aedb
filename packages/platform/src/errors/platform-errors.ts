import { defineErrorCodes } from './error-codes.ts';

export const PlatformErrors = defineErrorCodes(
  'INVALID_INPUT', // a form's fields, when the module names no code of its own
  'NOT_FOUND', // no page at this address
  'INVALID_REQUEST', // the body, query or params do not match the route's schema
  'UNACCEPTABLE_INPUT', // a field holds control characters, a lone surrogate or a number that is not finite
  'BAD_REQUEST', // another 4xx from Fastify that carries no code of its own
  'INTERNAL',
  'HATAGO_CONFIG_INVALID', // start-up: an environment variable is wrong
);
