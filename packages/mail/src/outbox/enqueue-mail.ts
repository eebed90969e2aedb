import type { Static, TSchema } from '@sinclair/typebox';
import { type Executor, tablesOf } from '@hatago/db';
import { FieldErrors } from '@hatago/platform/errors';
import { childSpan, traceContextToStore } from '@hatago/platform/tracing';
import type { MailTables } from '../mail-tables.ts';
import type { EmailTemplate, Locale, NoticeTemplate, Template } from '../templates/template.ts';
import { templateParamErrors } from '../templates/template-params.ts';
import { MailErrors } from '../mail-errors.ts';

/** What goes with an email template; `P` is the template's params type. */
export interface MailRequest<P = unknown> {
  to: string;
  locale: Locale;
  params: P;
  /** Groups mails for reporting and provider categories, e.g. `reservation`. */
  category: string;
  /** One message per key, however often the enqueueing transaction is retried. */
  idempotencyKey: string;
  /** What the mail is about, e.g. a reservation code, for support staff to search by. */
  reference?: string;
}

export interface NoticeRequest<P = unknown> {
  /** The Slack channel the notice goes to, e.g. `#ops`; the mailer maps it to a webhook. */
  channel: string;
  params: P;
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

// the types keep a wrong template out of compiled callers; this keeps it out of the outbox
function checkTemplate(errors: FieldErrors, template: unknown, channel: 'email' | 'slack', params: unknown): void {
  const given = template as Partial<Template> | null | undefined;
  if (given?.channel !== channel || typeof given.name !== 'string' || !given.params) {
    errors.add('template', `Unknown ${channel === 'email' ? 'mail' : 'notice'} template ${String(given?.name ?? given)}`);
    return;
  }
  for (const e of templateParamErrors(given as Template, params)) errors.add(`params${e.path}`, e.message);
}

function checkKey(errors: FieldErrors, key: unknown, reference: unknown): void {
  if (typeof key !== 'string' || !key || key.length > 200) errors.add('idempotencyKey', 'Give a key of up to 200 characters');
  if (reference !== undefined && (typeof reference !== 'string' || reference.length > 100)) errors.add('reference', 'Give a reference of up to 100 characters');
}

/**
 * Puts a message on the outbox inside the caller's transaction: it commits with the
 * business change it announces or not at all. Everything is checked here, params against
 * the template's schema included, so a worker never meets params its template refuses.
 */
export async function enqueueMail<S extends TSchema>(trx: Executor, template: EmailTemplate<S>, message: MailRequest<NoInfer<Static<S>>>): Promise<Enqueued> {
  const errors = new FieldErrors();
  checkTemplate(errors, template, 'email', message.params);
  if (typeof message.to !== 'string' || !EMAIL.test(message.to)) errors.add('to', 'Not a valid email address');
  if (message.locale !== 'ja' && message.locale !== 'en') errors.add('locale', 'Use ja or en');
  if (typeof message.category !== 'string' || !message.category || message.category.length > 50) errors.add('category', 'Give a category of up to 50 characters');
  checkKey(errors, message.idempotencyKey, message.reference);
  errors.throwIfAny(MailErrors.INVALID_MAIL);
  return insertMessage(trx, {
    channel: 'email',
    template: template.name,
    recipient: message.to,
    locale: message.locale,
    params: JSON.stringify(message.params),
    category: message.category,
    idempotency_key: message.idempotencyKey,
    reference: message.reference ?? null,
  });
}

/** An internal notice for a Slack channel, queued, retried and recorded like any mail. */
export async function enqueueNotice<S extends TSchema>(trx: Executor, template: NoticeTemplate<S>, notice: NoticeRequest<NoInfer<Static<S>>>): Promise<Enqueued> {
  const errors = new FieldErrors();
  checkTemplate(errors, template, 'slack', notice.params);
  if (typeof notice.channel !== 'string' || !SLACK_CHANNEL.test(notice.channel)) errors.add('channel', 'Give a Slack channel name such as #ops');
  checkKey(errors, notice.idempotencyKey, notice.reference);
  errors.throwIfAny(MailErrors.INVALID_NOTICE);
  return insertMessage(trx, {
    channel: 'slack',
    template: template.name,
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

/** The outbox row under a span of its own, whose context the row keeps: the worker's spans hang under it. */
function insertMessage(trx: Executor, values: NewMessage): Promise<Enqueued> {
  const attributes = { 'hatago.mail.template': values.template, 'hatago.mail.channel': values.channel };
  return childSpan('@hatago/mail', `mail enqueue ${values.template}`, { attributes }, async (span) => {
    const queued = await insertRow(trx, { ...values, trace_context: traceContextToStore() });
    span?.setAttributes({ 'hatago.mail.message_id': queued.id, 'hatago.mail.created': queued.created });
    return queued;
  });
}

async function insertRow(trx: Executor, values: NewMessage & { trace_context: string | null }): Promise<Enqueued> {
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
