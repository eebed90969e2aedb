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
 * A message checked against its template and ready for the outbox: made by
 * {@link prepareMail} or {@link prepareNotice}, queued by {@link enqueueMails}.
 */
export interface PreparedMail {
  readonly row: NewMessage;
}

/**
 * Checks a mail for the outbox, params against the template's schema included, so a worker
 * never meets params its template refuses. Throws INVALID_MAIL naming every bad field.
 */
export function prepareMail<S extends TSchema>(template: EmailTemplate<S>, message: MailRequest<NoInfer<Static<S>>>): PreparedMail {
  const errors = new FieldErrors();
  checkTemplate(errors, template, 'email', message.params);
  if (typeof message.to !== 'string' || !EMAIL.test(message.to)) errors.add('to', 'Not a valid email address');
  if (message.locale !== 'ja' && message.locale !== 'en') errors.add('locale', 'Use ja or en');
  if (typeof message.category !== 'string' || !message.category || message.category.length > 50) errors.add('category', 'Give a category of up to 50 characters');
  checkKey(errors, message.idempotencyKey, message.reference);
  errors.throwIfAny(MailErrors.INVALID_MAIL);
  return {
    row: {
      channel: 'email',
      template: template.name,
      recipient: message.to,
      locale: message.locale,
      params: JSON.stringify(message.params),
      category: message.category,
      idempotency_key: message.idempotencyKey,
      reference: message.reference ?? null,
    },
  };
}

/** Checks an internal notice for a Slack channel, queued, retried and recorded like any mail. */
export function prepareNotice<S extends TSchema>(template: NoticeTemplate<S>, notice: NoticeRequest<NoInfer<Static<S>>>): PreparedMail {
  const errors = new FieldErrors();
  checkTemplate(errors, template, 'slack', notice.params);
  if (typeof notice.channel !== 'string' || !SLACK_CHANNEL.test(notice.channel)) errors.add('channel', 'Give a Slack channel name such as #ops');
  checkKey(errors, notice.idempotencyKey, notice.reference);
  errors.throwIfAny(MailErrors.INVALID_NOTICE);
  return {
    row: {
      channel: 'slack',
      template: template.name,
      recipient: notice.channel,
      // notices are written for the operators, who read them in English
      locale: 'en',
      params: JSON.stringify(notice.params),
      category: 'notice',
      idempotency_key: notice.idempotencyKey,
      reference: notice.reference ?? null,
    },
  };
}

/**
 * Puts a message on the outbox inside the caller's transaction: it commits with the
 * business change it announces or not at all.
 */
export async function enqueueMail<S extends TSchema>(trx: Executor, template: EmailTemplate<S>, message: MailRequest<NoInfer<Static<S>>>): Promise<Enqueued> {
  const [queued] = await enqueueMails(trx, [prepareMail(template, message)]);
  return queued!;
}

/** An internal notice for a Slack channel, queued like {@link enqueueMail}. */
export async function enqueueNotice<S extends TSchema>(trx: Executor, template: NoticeTemplate<S>, notice: NoticeRequest<NoInfer<Static<S>>>): Promise<Enqueued> {
  const [queued] = await enqueueMails(trx, [prepareNotice(template, notice)]);
  return queued!;
}

/**
 * Puts several messages on the outbox in one statement, in the caller's transaction: a
 * booking announcing itself to the guest and to the hotel pays one round trip, not two.
 * Answers in the order given; a key already used finds the message it made.
 */
export function enqueueMails(trx: Executor, mails: readonly PreparedMail[]): Promise<Enqueued[]> {
  if (mails.length === 0) return Promise.resolve([]);
  // one statement cannot both create a key's message and find it: a caller's mistake
  if (new Set(mails.map((m) => m.row.idempotency_key)).size < mails.length) throw new Error('enqueueMails: two mails share an idempotency key');
  const templates = [...new Set(mails.map((m) => m.row.template))];
  const attributes = { 'hatago.mail.template': templates.length === 1 ? templates[0]! : templates, 'hatago.mail.channel': mails[0]!.row.channel };
  return childSpan('@hatago/mail', `mail enqueue ${templates.join(' ')}`, { attributes }, async (span) => {
    const traceContext = traceContextToStore();
    const queued = await insertRows(trx, mails.map((m) => ({ ...m.row, trace_context: traceContext })));
    span?.setAttributes({ 'hatago.mail.message_id': queued.map((q) => q.id), 'hatago.mail.created': queued.every((q) => q.created) });
    return queued;
  });
}

type NewMessage = Pick<
  MailTables['mail_messages'],
  'template' | 'recipient' | 'locale' | 'params' | 'category' | 'idempotency_key' | 'reference'
> & { channel: 'email' | 'slack' };

async function insertRows(trx: Executor, rows: Array<NewMessage & { trace_context: string | null }>): Promise<Enqueued[]> {
  const t = tablesOf<MailTables>(trx);
  const inserted = await t
    .insertInto('mail_messages')
    .values(rows)
    .onConflict((oc) => oc.column('idempotency_key').doNothing())
    .returning(['id', 'idempotency_key'])
    .execute();
  const created = new Map(inserted.map((row) => [row.idempotency_key, Number(row.id)]));
  const earlier = rows.filter((row) => !created.has(row.idempotency_key)).map((row) => row.idempotency_key);
  const existing = new Map<string, number>();
  if (earlier.length > 0) {
    const found = await t.selectFrom('mail_messages').select(['id', 'idempotency_key']).where('idempotency_key', 'in', earlier).execute();
    found.forEach((row) => existing.set(row.idempotency_key, Number(row.id)));
  }
  return rows.map((row) => {
    const id = created.get(row.idempotency_key);
    return id !== undefined ? { id, created: true } : { id: existing.get(row.idempotency_key)!, created: false };
  });
}
