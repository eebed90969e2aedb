import { sql } from 'kysely';
import { type Executor, tablesOf } from '@hatago/db';
import type { MailTables } from '../mail-tables.ts';

/** The form the list keeps addresses in: mailbox providers treat case as one address. */
export const suppressionKey = (address: string): string => address.trim().toLowerCase();

/** Whether mail to this address must not be sent (bounced, reported as spam, unsubscribed, or blocked by hand). */
export async function isSuppressed(db: Executor, address: string): Promise<boolean> {
  return (await suppressedAmong(db, [address])).size > 0;
}

/**
 * Which of these addresses are on the list, as {@link suppressionKey}s: one query for a
 * worker's whole batch instead of one per message.
 */
export async function suppressedAmong(db: Executor, addresses: readonly string[]): Promise<Set<string>> {
  const keys = [...new Set(addresses.map(suppressionKey))];
  if (keys.length === 0) return new Set();
  // one array parameter: the same statement text whatever the batch's size
  const rows = await tablesOf<MailTables>(db)
    .selectFrom('mail_suppressions')
    .select('address')
    .where(sql<boolean>`address = any(${keys}::text[])`)
    .execute();
  return new Set(rows.map((row) => row.address));
}
