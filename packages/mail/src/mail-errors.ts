import { defineErrorCodes } from '@hatago/platform/errors';

export const MailErrors = defineErrorCodes(
  'INVALID_MAIL',
  'INVALID_NOTICE',
  'MAIL_NOT_FOUND',
  'MAIL_NOT_ACTIONABLE', // only dead or failed messages can be retried or discarded
  'SINK_MESSAGE_NOT_FOUND', // the sink provider's mailbox, used in development and tests
  'SUPPRESSION_NOT_FOUND',
  'INVALID_SUPPRESSION_LIFT',
  'WEBHOOK_MALFORMED', // a provider's event batch we cannot read
);
