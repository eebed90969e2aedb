import { type Executor, tablesOf } from '@hatago/db';
import { FieldErrors } from '@hatago/platform/errors';
import type { MailTables } from '../mail-tables.ts';

export const MAIL_TEMPLATES = [
  'reservation-confirmation',
  'reservation-cancellation',
  'facility-new-reservation',
  'facility-cancellation',
  'member-welcome',
  'password-reset',
] as const;
export type MailTemplate = (typeof MAIL_TEMPLATES)[number];

export interface MailRequest {
  template: MailTemplate;
  to: string;
  locale: 'ja' | 'en';
  params: Record<string, unknown>;
  /** Groups mails for reporting and provider categories, e.g. `reservation`. */
  category: string;
  /** One message per key, however often the enqueueing transaction is retried. */
  idempotencyKey: string;
  /** What the mail is about, e.g. a reservation code, for support staff to search by. */
  reference?: string;
}

const EMAIL = /^[^\s@<>]{1,64}@[^\s@<>]{1,189}\.[^\s@<>]{2,}$/;

/**
 * Puts a message on the outbox inside the caller's transaction: it commits with the
 * business change it announces or not at all. Rendering and sending happen later.
 */
export async function enqueueMail(trx: Executor, message: MailRequest): Promise<void> {
  const errors = new FieldErrors();
  if (!MAIL_TEMPLATES.includes(message.template)) errors.add('template', `Unknown template ${String(message.template)}`);
  if (!EMAIL.test(message.to)) errors.add('to', 'Not a valid email address');
  if (message.locale !== 'ja' && message.locale !== 'en') errors.add('locale', 'Use ja or en');
  if (!message.category || message.category.length > 50) errors.add('category', 'Give a category of up to 50 characters');
  if (!message.idempotencyKey || message.idempotencyKey.length > 200) errors.add('idempotencyKey', 'Give a key of up to 200 characters');
  errors.throwIfAny('INVALID_MAIL');
  await tablesOf<MailTables>(trx)
    .insertInto('mail_messages')
    .values({
      template: message.template,
      recipient: message.to,
      locale: message.locale,
      params: JSON.stringify(message.params),
      category: message.category,
      idempotency_key: message.idempotencyKey,
      reference: message.reference ?? null,
    })
    .onConflict((oc) => oc.column('idempotency_key').doNothing())
    .execute();
}
