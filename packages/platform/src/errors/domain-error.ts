import type { ErrorCode } from './error-codes.ts';
import { PlatformErrors } from './platform-errors.ts';

/**
 * The one error type domain modules throw for expected outcomes. It carries no HTTP: the
 * apps map `kind` to a status and render `fields` as problem+json `errors` or as form
 * field messages.
 */
export type DomainErrorKind =
  | 'invalid' // input breaks a rule: 422, or 400 for malformed shapes
  | 'not_found'
  | 'conflict' // the world disagrees: sold out, duplicate, stale state
  | 'unauthorized'
  | 'forbidden'
  | 'rate_limited';

export interface FieldError {
  field: string;
  message: string;
}

export class DomainError extends Error {
  override readonly name = 'DomainError';
  constructor(
    readonly kind: DomainErrorKind,
    readonly code: ErrorCode,
    message: string,
    readonly fields: FieldError[] = [],
  ) {
    super(message);
  }
}

export const invalid = (code: ErrorCode, fields: FieldError[], message = 'The request has invalid fields') =>
  new DomainError('invalid', code, message, fields);

export const notFound = (code: ErrorCode, message: string) => new DomainError('not_found', code, message);

export const conflict = (code: ErrorCode, message: string) => new DomainError('conflict', code, message);

/** Collects field errors so a form reports every mistake at once, not the first. */
export class FieldErrors {
  readonly list: FieldError[] = [];
  add(field: string, message: string): void {
    this.list.push({ field, message });
  }
  throwIfAny(code: ErrorCode = PlatformErrors.INVALID_INPUT): void {
    if (this.list.length > 0) throw invalid(code, this.list);
  }
}
