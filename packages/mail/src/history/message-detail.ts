import { type Executor, tablesOf } from '@hatago/db';
import { notFound } from '@hatago/platform/errors';
import type { MailTables } from '../mail-tables.ts';
import type { TemplateRegistry } from '../templates/template-registry.ts';
import type { MailHistoryItem } from './search-history.ts';
import { MailErrors } from '../mail-errors.ts';

export interface MailTimelineEntry {
  type: string;
  source: 'worker' | 'provider' | 'operator';
  detail: string | null;
  occurredAt: string;
}

export interface MailMessageDetail extends MailHistoryItem {
  locale: 'ja' | 'en';
  provider: string | null;
  providerMessageId: string | null;
  lastError: string | null;
  nextAttemptAt: string;
  sentAt: string | null;
  updatedAt: string;
  /** As rendered at send time; null before the first send and after the retention purge. */
  bodyHtml: string | null;
  bodyText: string | null;
  bodyPurgedAt: string | null;
  /** True when the body exists but is not shown: its template's `secretBody`. */
  bodyWithheld: boolean;
  timeline: MailTimelineEntry[];
}

const iso = (value: Date | string | null) => (value === null ? null : new Date(value).toISOString());

/**
 * One message as support staff see it: what the guest received and everything that
 * happened to it, but not a body its template marks secret (`templates` knows which).
 */
export async function getMailMessage(db: Executor, id: number, templates: Pick<TemplateRegistry, 'withholdsBody'>): Promise<MailMessageDetail> {
  const t = tablesOf<MailTables>(db);
  const row = await t.selectFrom('mail_messages').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw notFound(MailErrors.MAIL_NOT_FOUND, `No message #${id}`);
  const events = await t
    .selectFrom('mail_events')
    .select(['type', 'source', 'detail', 'occurred_at'])
    .where('message_id', '=', id)
    .orderBy('occurred_at')
    .orderBy('id')
    .execute();
  return {
    id: Number(row.id),
    channel: row.channel,
    template: row.template,
    recipient: row.recipient,
    category: row.category,
    reference: row.reference,
    status: row.status,
    attempts: Number(row.attempts),
    subject: row.subject,
    createdAt: iso(row.created_at)!,
    locale: row.locale,
    provider: row.provider,
    providerMessageId: row.provider_message_id,
    lastError: row.last_error,
    nextAttemptAt: iso(row.next_attempt_at)!,
    sentAt: iso(row.sent_at),
    updatedAt: iso(row.updated_at)!,
    ...(templates.withholdsBody(row.template)
      ? { bodyHtml: null, bodyText: null, bodyWithheld: row.body_text !== null }
      : { bodyHtml: row.body_html, bodyText: row.body_text, bodyWithheld: false }),
    bodyPurgedAt: iso(row.body_purged_at),
    timeline: events.map((e) => ({ type: e.type, source: e.source, detail: e.detail, occurredAt: iso(e.occurred_at)! })),
  };
}
