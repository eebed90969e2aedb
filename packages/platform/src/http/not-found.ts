import { DomainError } from '../errors/domain-error.ts';

export class NotFoundPageError extends DomainError {
  constructor(message: string) {
    super('not_found', 'NOT_FOUND', message);
  }
}
