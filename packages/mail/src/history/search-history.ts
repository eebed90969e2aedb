import { type Executor, tablesOf } from '@hatago/db';
import { sql } from 'kysely';
import type { MailChannel, MailStatus, MailTables } from '../mail-tables.ts';
import type { MailHistoryFilter } from './history-filter.ts';

export interface MailHistoryItem {
  id: number;
  channel: MailChannel;
  template: string;
  recipient: string;
  category: string;
  reference: string | null;
  status: MailStatus;
  attempts: number;
  subject: string | null;
  createdAt: string;
}

export interface MailHistoryPage {
  items: MailHistoryItem[];
  /** The cursor of the next (older) page, when there is one. */
  nextAfter: number | null;
}

/**
 * Newest first, one page at a time by keyset: a page continues strictly below the last
 * row of the previous one in (created_at, id) order, which every history index ends with,
 * so the 1,000th page costs what the first does. No total count: counting every match of
 * a broad filter over millions of rows would cost more than the page itself.
 */
export async function searchMailHistory(db: Executor, filter: MailHistoryFilter): Promise<MailHistoryPage> {
  const rows = await mailHistoryQuery(db, filter).execute();
  const items = rows.slice(0, filter.pageSize).map((r) => ({
    id: Number(r.id),
    channel: r.channel,
    template: r.template,
    recipient: r.recipient,
    category: r.category,
    reference: r.reference,
    status: r.status,
    attempts: Number(r.attempts),
    subject: r.subject,
    createdAt: new Date(r.created_at).toISOString(),
  }));
  return { items, nextAfter: rows.length > filter.pageSize ? items.at(-1)!.id : null };
}

/** The page query itself (one row more than a page, to know whether another follows); the plan benchmark explains it. */
export function mailHistoryQuery(db: Executor, filter: MailHistoryFilter) {
  let query = tablesOf<MailTables>(db)
    .selectFrom('mail_messages')
    .select(['id', 'channel', 'template', 'recipient', 'category', 'reference', 'status', 'attempts', 'subject', 'created_at']);
  if (filter.recipient) query = query.where(sql`lower(recipient)`, '=', filter.recipient.toLowerCase());
  if (filter.reference) query = query.where('reference', '=', filter.reference);
  if (filter.category) query = query.where('category', '=', filter.category);
  if (filter.status) query = query.where('status', '=', filter.status);
  if (filter.createdFrom) query = query.where('created_at', '>=', filter.createdFrom);
  if (filter.createdBefore) query = query.where('created_at', '<', filter.createdBefore);
  if (filter.after !== undefined) {
    // the cursor row's own timestamp, read in SQL: a JS Date would round away its microseconds
    query = query.where(
      sql<boolean>`(created_at, id) < (select c.created_at, c.id from mail_messages c where c.id = ${filter.after})`,
    );
  }
  return query.orderBy('created_at', 'desc').orderBy('id', 'desc').limit(filter.pageSize + 1);
}
