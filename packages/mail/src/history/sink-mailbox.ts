import { type Executor, tablesOf } from '@hatago/db';
import { notFound } from '@hatago/platform/errors';
import type { MailTables } from '../mail-tables.ts';
import { MailErrors } from '../mail-errors.ts';

export const MAILBOX_PAGE_SIZE = 50;

export interface SinkMessageSummary {
  id: number;
  messageId: number;
  sender: string;
  recipient: string;
  subject: string;
  receivedAt: string;
}

export interface SinkMessage extends SinkMessageSummary {
  headers: Record<string, string>;
  bodyHtml: string | null;
  bodyText: string;
}

/** The dev sink's inbox, newest first, one keyset page at a time (ids only grow). */
export async function listSinkMessages(db: Executor, page: { before?: number }): Promise<{ items: SinkMessageSummary[]; nextBefore: number | null }> {
  let query = tablesOf<MailTables>(db)
    .selectFrom('mail_sink_messages')
    .select(['id', 'message_id', 'sender', 'recipient', 'subject', 'received_at']);
  if (page.before !== undefined) query = query.where('id', '<', page.before);
  const rows = await query.orderBy('id', 'desc').limit(MAILBOX_PAGE_SIZE + 1).execute();
  const items = rows.slice(0, MAILBOX_PAGE_SIZE).map(summaryOf);
  return { items, nextBefore: rows.length > MAILBOX_PAGE_SIZE ? items.at(-1)!.id : null };
}

export async function getSinkMessage(db: Executor, id: number): Promise<SinkMessage> {
  const row = await tablesOf<MailTables>(db).selectFrom('mail_sink_messages').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw notFound(MailErrors.SINK_MESSAGE_NOT_FOUND, `No mailbox message #${id}`);
  const headers = typeof row.headers === 'string' ? JSON.parse(row.headers) : row.headers;
  return {
    ...summaryOf(row),
    headers: Object.fromEntries(Object.entries(headers as Record<string, unknown>).map(([k, v]) => [k, String(v)])),
    bodyHtml: row.body_html,
    bodyText: row.body_text,
  };
}

function summaryOf(row: { id: number; message_id: number; sender: string; recipient: string; subject: string; received_at: Date }): SinkMessageSummary {
  return {
    id: Number(row.id),
    messageId: Number(row.message_id),
    sender: row.sender,
    recipient: row.recipient,
    subject: row.subject,
    receivedAt: new Date(row.received_at).toISOString(),
  };
}
