import { type Executor, tablesOf } from '@hatago/db';
import { FieldErrors } from '@hatago/platform/errors';
import type { MailTables } from '../mail-tables.ts';
import { findTemplate, type MailTemplate, paramErrors } from '../templates/template-catalog.ts';
import { MailErrors } from '../mail-errors.ts';

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

export interface NoticeRequest {
  template: string;
  /** The Slack channel the notice goes to, e.g. `#ops`; the mailer maps it to a webhook. */
  channel: string;
  params: Record<string, unknown>;
  idempotencyKey: string;
  reference?: string;
}

/** Whether this call created the message or found the one an earlier try of the same key made. */
export interface Enqueued {
  id: number;
  created: boolean;
}

const EMAIL = /^[^\s@<>]{1,64}@[^\s@<>]{1,189}\.[^\s@<>]{2,}$/;
const SLACK_CHANNEL = /^#?[a-z0-9][a-z0-9._-]{0,79}$/;

function checkTemplate(errors: FieldErrors, name: unknown, channel: 'email' | 'slack', params: unknown): void {
  const template = typeof name === 'string' ? findTemplate(name) : undefined;
  if (!template || template.channel !== channel) {
    errors.add('template', `Unknown ${channel === 'email' ? 'mail' : 'notice'} template ${String(name)}`);
    return;
  }
  for (const e of paramErrors(template.name, params)) errors.add(`params${e.path}`, e.message);
}

function checkKey(errors: FieldErrors, key: unknown, reference: unknown): void {
  if (typeof key !== 'string' || !key || key.length > 200) errors.add('idempotencyKey', 'Give a key of up to 200 characters');
  if (reference !== undefined && (typeof reference !== 'string' || reference.length > 100)) errors.add('reference', 'Give a reference of up to 100 characters');
}

/**
 * Puts a message on the outbox inside the caller's transaction: it commits with the
 * business change it announces or not at all. Everything is checked here, params against
 * the template's schema included, so a worker never meets a message it cannot render.
 */
export async function enqueueMail(trx: Executor, message: MailRequest): Promise<Enqueued> {
  const errors = new FieldErrors();
  checkTemplate(errors, message.template, 'email', message.params);
  if (typeof message.to !== 'string' || !EMAIL.test(message.to)) errors.add('to', 'Not a valid email address');
  if (message.locale !== 'ja' && message.locale !== 'en') errors.add('locale', 'Use ja or en');
  if (typeof message.category !== 'string' || !message.category || message.category.length > 50) errors.add('category', 'Give a category of up to 50 characters');
  checkKey(errors, message.idempotencyKey, message.reference);
  errors.throwIfAny(MailErrors.INVALID_MAIL);
  return insertMessage(trx, {
    channel: 'email',
    template: message.template,
    recipient: message.to,
    locale: message.locale,
    params: JSON.stringify(message.params),
    category: message.category,
    idempotency_key: message.idempotencyKey,
    reference: message.reference ?? null,
  });
}

/** An internal notice for a Slack channel, queued, retried and recorded like any mail. */
export async function enqueueNotice(trx: Executor, notice: NoticeRequest): Promise<Enqueued> {
  const errors = new FieldErrors();
  checkTemplate(errors, notice.template, 'slack', notice.params);
  if (typeof notice.channel !== 'string' || !SLACK_CHANNEL.test(notice.channel)) errors.add('channel', 'Give a Slack channel name such as #ops');
  checkKey(errors, notice.idempotencyKey, notice.reference);
  errors.throwIfAny(MailErrors.INVALID_NOTICE);
  return insertMessage(trx, {
    channel: 'slack',
    template: notice.template,
    recipient: notice.channel,
    // notices are written for the operators, who read them in English
    locale: 'en',
    params: JSON.stringify(notice.params),
    category: 'notice',
    idempotency_key: notice.idempotencyKey,
    reference: notice.reference ?? null,
  });
}

type NewMessage = Pick<
  MailTables['mail_messages'],
  'template' | 'recipient' | 'locale' | 'params' | 'category' | 'idempotency_key' | 'reference'
> & { channel: 'email' | 'slack' };

async function insertMessage(trx: Executor, values: NewMessage): Promise<Enqueued> {
  const t = tablesOf<MailTables>(trx);
  const inserted = await t
    .insertInto('mail_messages')
    .values(values)
    .onConflict((oc) => oc.column('idempotency_key').doNothing())
    .returning('id')
    .executeTakeFirst();
  if (inserted) return { id: Number(inserted.id), created: true };
  const existing = await t.selectFrom('mail_messages').select('id').where('idempotency_key', '=', values.idempotency_key).executeTakeFirstOrThrow();
  return { id: Number(existing.id), created: false };
}
