export { conflict, DomainError, type DomainErrorKind, type FieldError, FieldErrors, invalid, notFound } from './domain-error.ts';
export { defineErrorCodes, type ErrorCode } from './error-codes.ts';
export { PlatformErrors } from './platform-errors.ts';
