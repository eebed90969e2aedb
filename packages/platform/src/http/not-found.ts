import { DomainError } from '../errors/domain-error.ts';
import { PlatformErrors } from '../errors/platform-errors.ts';

export class NotFoundPageError extends DomainError {
  constructor(message: string) {
    super('not_found', PlatformErrors.NOT_FOUND, message);
  }
}
