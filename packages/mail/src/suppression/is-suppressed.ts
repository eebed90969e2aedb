import { type Executor, tablesOf } from '@hatago/db';
import type { MailTables } from '../mail-tables.ts';

/** Whether mail to this address must not be sent (bounced, reported as spam, unsubscribed, or blocked by hand). */
export async function isSuppressed(db: Executor, address: string): Promise<boolean> {
  const row = await tablesOf<MailTables>(db)
    .selectFrom('mail_suppressions')
    .select('address')
    .where('address', '=', address.trim().toLowerCase())
    .executeTakeFirst();
  return row !== undefined;
}
