import { defineErrorCodes } from '@hatago/platform/errors';

/** Refusals of SendGrid's event webhook, before its body is read. */
export const MailerErrors = defineErrorCodes(
  'WEBHOOK_NOT_CONFIGURED',
  'WEBHOOK_UNSIGNED',
  'WEBHOOK_SIGNATURE_MALFORMED',
  'WEBHOOK_SIGNATURE_INVALID',
  'WEBHOOK_STALE', // the signed timestamp is too old: a replay
  'WEBHOOK_FROM_FUTURE',
);
